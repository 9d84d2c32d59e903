namespace OneTime.Server.Storage;

/// <summary>
/// What Exists learns about a secret without taking a view. Found with views left: waiting. Found with none: only the
/// read receipt is left (<see cref="ReadAt"/> set).
/// </summary>
/// <param name="TimeToLive">How long the entry (secret or receipt) has left; <see cref="Timeout.InfiniteTimeSpan"/>
/// for a key without expiry, which Store never writes.</param>
/// <param name="ReadAt">When a view was last taken, if one was.</param>
/// <param name="ReadConfirmation">A receipt's confirmation (ConfirmRead), as given; empty while waiting and before one.</param>
public readonly record struct SecretStatus(
    LookupOutcome Outcome, int ViewsLeft, TimeSpan TimeToLive, DateTimeOffset? ReadAt, ReadOnlyMemory<byte> ReadConfirmation = default)
{
    public static readonly SecretStatus NotFound = new(LookupOutcome.NotFound, 0, TimeSpan.Zero, null);

    public static readonly SecretStatus BurnedByWrongTokens = new(LookupOutcome.BurnedByWrongTokens, 0, TimeSpan.Zero, null);

    public bool IsWaiting => Outcome == LookupOutcome.Found && ViewsLeft > 0;

    public bool IsReceipt => Outcome == LookupOutcome.Found && ViewsLeft == 0;

    public static SecretStatus Missed(LookupOutcome outcome) => outcome == LookupOutcome.BurnedByWrongTokens ? BurnedByWrongTokens : NotFound;
}
