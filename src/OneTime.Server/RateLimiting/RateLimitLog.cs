namespace OneTime.Server.RateLimiting;

/// <summary>Rate limiter events. The client address is not logged: the budget name is enough to tune limits.</summary>
internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "A client went over its {Budget} budget; the call was refused.")]
    public static partial void Rejected(ILogger logger, string budget);
}
