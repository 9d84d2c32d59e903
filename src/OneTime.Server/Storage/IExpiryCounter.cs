namespace OneTime.Server.Storage;

/// <summary>
/// Implemented by a store that sees its secrets expire (the memory store). Redis expires keys by itself, unseen, so
/// its store does not implement this and no expiry count is reported for it.
/// </summary>
public interface IExpiryCounter
{
    /// <summary>Secrets dropped unread because their time to live ran out, since the store was made.</summary>
    long ExpiredCount { get; }
}
