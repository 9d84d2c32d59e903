namespace OneTime.Server.Quota;

/// <summary>Quota events. The client's address is not logged, as with the rate limits.</summary>
internal static partial class QuotaLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "A client went over its storage quota; the secret was refused.")]
    public static partial void Exceeded(ILogger logger);
}
