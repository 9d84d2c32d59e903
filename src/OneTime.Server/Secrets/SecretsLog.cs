namespace OneTime.Server.Secrets;

/// <summary>Secret service events. None of them carries an id, a token or ciphertext.</summary>
internal static partial class SecretsLog
{
    // Debug: an outage is logged once each way by the health monitor (Health/HealthLog), not once per refused call;
    // the calls are counted in onetime_rpc_server_duration_seconds{status="UNAVAILABLE"}.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "The secret store is unavailable: {Reason}")]
    public static partial void StoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The secret store is full; a secret was refused.")]
    public static partial void StoreFull(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "A call failed unexpectedly; it was answered UNKNOWN.")]
    public static partial void Unexpected(ILogger logger, Exception exception);

    // Information: worth knowing that someone guessed, and no id, so nothing ties the event to a link.
    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "A secret was burned after {Attempts} wrong tokens.")]
    public static partial void BurnedByWrongTokens(ILogger logger, int attempts);
}
