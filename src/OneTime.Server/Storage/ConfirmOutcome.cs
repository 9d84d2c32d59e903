namespace OneTime.Server.Storage;

/// <summary>
/// What attaching a reader's confirmation to a receipt came to (protos/README.md "Views, receipts and wrong
/// attempts", Confirmations). Both misses answer the caller the same NOT_FOUND as every other call's.
/// </summary>
public enum ConfirmOutcome
{
    /// <summary>The receipt had none; it keeps this one until it expires.</summary>
    Confirmed,

    /// <summary>The receipt already holds a confirmation, which stays; this one was dropped.</summary>
    AlreadyConfirmed,

    /// <summary>The secret still has views: a confirmation comes with the receipt the last view leaves.</summary>
    StillHasViews,

    /// <summary>No such entry for this token: unknown id, wrong token, expired, burned, or read with receipts off.</summary>
    NotFound,

    /// <summary>A wrong token on a secret with views, and the one that reached the wrong-attempt limit: the secret was burned.</summary>
    BurnedByWrongTokens,
}
