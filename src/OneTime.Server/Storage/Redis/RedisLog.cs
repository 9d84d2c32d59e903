using Microsoft.Extensions.Logging;

namespace OneTime.Server.Storage.Redis;

/// <summary>Redis connection events. Endpoints appear as host:port only; keys, values and passwords never do.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 1, EventName = "RedisConnected", Level = LogLevel.Information,
        Message = "Connected to Redis at {Address}, database {Database}.")]
    public static partial void Connected(ILogger logger, string address, int database);

    [LoggerMessage(EventId = 2, EventName = "RedisConnectionFailed", Level = LogLevel.Warning,
        Message = "Could not connect to Redis at {Address}.")]
    public static partial void ConnectionFailed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "RedisReconnectScheduled", Level = LogLevel.Information,
        Message = "Next attempt to connect to Redis at {Address} in {DelayMilliseconds} ms; commands fail fast until then.")]
    public static partial void ReconnectScheduled(ILogger logger, string address, long delayMilliseconds);

    [LoggerMessage(EventId = 4, EventName = "RedisConnectionLost", Level = LogLevel.Warning,
        Message = "Lost the connection to Redis at {Address}; pending commands failed.")]
    public static partial void ConnectionLost(ILogger logger, string address, Exception exception);
}
