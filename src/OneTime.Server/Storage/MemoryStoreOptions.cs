namespace OneTime.Server.Storage;

/// <summary>The in-process store; bound from <c>OneTime:Memory</c>.</summary>
public sealed class MemoryStoreOptions
{
    public const string SectionName = "OneTime:Memory";

    /// <summary>Cap on the ciphertext bytes held at once; a secret that would not fit is refused, nothing is evicted.</summary>
    public long MaxTotalBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often expired entries nobody asked for again are dropped.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
