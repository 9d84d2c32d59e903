namespace OneTime.Server.Storage;

/// <summary>What a lookup by id and token came to. Both misses answer the caller the same NOT_FOUND.</summary>
public enum LookupOutcome
{
    /// <summary>The id and token name an entry the call could act on.</summary>
    Found,

    /// <summary>No such entry for this token: unknown id, wrong token, expired, burned, or already read.</summary>
    NotFound,

    /// <summary>A wrong token, and the one that reached the wrong-attempt limit: the secret was burned.</summary>
    BurnedByWrongTokens,
}
