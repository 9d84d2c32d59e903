namespace OneTime.Server.Storage;

/// <summary>What taking one view gave: the ciphertext and the views left after it, or a miss.</summary>
public readonly record struct TakeResult(LookupOutcome Outcome, byte[]? Ciphertext, int ViewsLeft)
{
    public static readonly TakeResult NotFound = new(LookupOutcome.NotFound, null, 0);

    public static readonly TakeResult BurnedByWrongTokens = new(LookupOutcome.BurnedByWrongTokens, null, 0);

    public static TakeResult Taken(byte[] ciphertext, int viewsLeft) => new(LookupOutcome.Found, ciphertext, viewsLeft);

    public static TakeResult Missed(LookupOutcome outcome) => outcome == LookupOutcome.BurnedByWrongTokens ? BurnedByWrongTokens : NotFound;
}
