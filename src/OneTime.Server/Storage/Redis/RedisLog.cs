using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Redis connection events. Endpoints appear as host:port only; keys, values and passwords never do. The multiplexer
/// reports each of its connections (interactive and subscription, per node) as it drops and as each reconnect fails;
/// those are Debug. An outage is the store's to report, once each way (Health/HealthLog), and a refused password
/// stays a warning: it is a setting to fix, not an outage to wait out.
/// </summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 1, EventName = "RedisConnected", Level = LogLevel.Information,
        Message = "Redis store on {Endpoints}, database {Database}; replicas to acknowledge: {Replicas}.")]
    public static partial void Created(ILogger logger, string endpoints, int database, int replicas);

    [LoggerMessage(EventId = 2, EventName = "RedisConnectionFailed", Level = LogLevel.Debug,
        Message = "Lost or could not open the {ConnectionType} connection to Redis at {Endpoint} ({FailureType}); commands fail fast until it is back.")]
    public static partial void ConnectionFailed(ILogger logger, ConnectionType connectionType, string endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 3, EventName = "RedisConnectionRestored", Level = LogLevel.Debug,
        Message = "The {ConnectionType} connection to Redis at {Endpoint} is back.")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, string endpoint);

    [LoggerMessage(EventId = 4, EventName = "RedisTopologyChanged", Level = LogLevel.Information,
        Message = "Redis at {Endpoint} changed role or configuration (failover or resharding); the multiplexer follows it.")]
    public static partial void TopologyChanged(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5, EventName = "RedisAuthenticationFailed", Level = LogLevel.Warning,
        Message = "Redis at {Endpoint} refused the credentials; check OneTime:Redis:Url or OneTime:Redis:Configuration.")]
    public static partial void AuthenticationFailed(ILogger logger, string endpoint);
}
