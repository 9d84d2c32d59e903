namespace OneTime.Server;

/// <summary>The service's limits, bound from the <c>OneTime</c> configuration section and validated at start-up.</summary>
public sealed class OneTimeOptions
{
    public const string SectionName = "OneTime";

    /// <summary>The largest ciphertext Store accepts, in bytes. Exactly this size is allowed.</summary>
    public int MaxCiphertextBytes { get; set; } = 1024 * 1024;

    /// <summary>The shortest time to live a client may ask for.</summary>
    public TimeSpan MinTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest time to live a client may ask for.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The time to live of a secret stored without one.</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most views a secret may be stored with (StoreRequest.max_views).</summary>
    public int MaxViews { get; set; } = 100;

    /// <summary>
    /// Whether the last view leaves a read receipt (the time of that read, until the secret's original expiry) for
    /// Exists to report; off, the last view deletes everything.
    /// </summary>
    public bool ReadReceipts { get; set; } = true;

    /// <summary>How many wrong tokens for a secret burn it, so that a link holder cannot guess a passphrase forever.</summary>
    public int MaxWrongAttempts { get; set; } = 10;

    /// <summary>Origins other than the server's own whose pages may call the service over gRPC-Web ("*" for any).</summary>
    public List<string> CorsAllowedOrigins { get; set; } = [];

    /// <summary>
    /// How long the server, told to stop (SIGTERM, Ctrl+C), lets the calls in flight finish after it stops accepting
    /// new ones; calls still running then are cut off. The host's <c>HostOptions.ShutdownTimeout</c>, under our name.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
