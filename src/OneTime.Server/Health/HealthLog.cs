namespace OneTime.Server.Health;

/// <summary>Health events: the store's reachability as the monitor sees it.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The secret store is unreachable; health is NOT_SERVING.")]
    public static partial void StoreUnreachable(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "The secret store is reachable; health is SERVING.")]
    public static partial void StoreReachable(ILogger logger);
}
