namespace OneTime.Server.Storage;

/// <summary>The in-process store; bound from <c>OneTime:Memory</c>.</summary>
public sealed class MemoryStoreOptions
{
    public const string SectionName = "OneTime:Memory";

    /// <summary>
    /// Cap on the memory the secrets take at once, each counted with its per-entry overhead (a native allocation's
    /// header and rounding, its table slots); a secret that would not fit is refused, nothing is evicted.
    /// </summary>
    public long MaxTotalBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often expired entries nobody asked for again are dropped.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
