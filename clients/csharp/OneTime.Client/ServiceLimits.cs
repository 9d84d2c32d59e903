namespace OneTime.Client;

/// <summary>A service's limits, as <see cref="OneTimeClient.GetLimitsAsync(CancellationToken)"/> reports them.</summary>
public sealed class ServiceLimits
{
    /// <summary>Creates a set of limits (for tests and for callers that know their service).</summary>
    /// <param name="maxCiphertextBytes">The largest encrypted secret accepted, in bytes.</param>
    /// <param name="minTtl">The shortest lifetime accepted.</param>
    /// <param name="maxTtl">The longest lifetime accepted.</param>
    /// <param name="defaultTtl">The lifetime used when none is given.</param>
    /// <param name="maxViews">The most views one secret may have.</param>
    /// <param name="maxWrongAttempts">How many wrong links or passphrases burn a secret; 0 when the service does not say.</param>
    /// <param name="readReceipts">Whether the service keeps the time of the last read after the last view.</param>
    public ServiceLimits(int maxCiphertextBytes, TimeSpan minTtl, TimeSpan maxTtl, TimeSpan defaultTtl, int maxViews, int maxWrongAttempts, bool readReceipts)
    {
        MaxCiphertextBytes = maxCiphertextBytes;
        MinTtl = minTtl;
        MaxTtl = maxTtl;
        DefaultTtl = defaultTtl;
        MaxViews = maxViews;
        MaxWrongAttempts = maxWrongAttempts;
        ReadReceipts = readReceipts;
    }

    /// <summary>The largest encrypted secret the service accepts, in bytes, padding included.</summary>
    public int MaxCiphertextBytes { get; }

    /// <summary>The shortest lifetime the service accepts.</summary>
    public TimeSpan MinTtl { get; }

    /// <summary>The longest lifetime the service accepts.</summary>
    public TimeSpan MaxTtl { get; }

    /// <summary>The lifetime the service gives a secret sent without one.</summary>
    public TimeSpan DefaultTtl { get; }

    /// <summary>The most views one secret may have (<see cref="SendOptions.Views"/>).</summary>
    public int MaxViews { get; }

    /// <summary>
    /// How many wrong tokens (a wrong passphrase, a damaged link) burn a secret, counted across every reader;
    /// 0 when the service does not say (a server older than this limit).
    /// </summary>
    public int MaxWrongAttempts { get; }

    /// <summary>Whether <see cref="OneTimeClient.ExistsAsync"/> can report <see cref="SecretState.Read"/> after the last view.</summary>
    public bool ReadReceipts { get; }
}
