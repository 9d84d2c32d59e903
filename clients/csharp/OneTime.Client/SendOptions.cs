namespace OneTime.Client;

/// <summary>How a secret is sent: its lifetime, an optional passphrase, and how many times it may be read.</summary>
public sealed class SendOptions
{
    /// <summary>
    /// How long the secret may wait unread, within the service's range (<see cref="ServiceLimits.MinTtl"/> to
    /// <see cref="ServiceLimits.MaxTtl"/>); <see langword="null"/> means the service's default (<see cref="ServiceLimits.DefaultTtl"/>).
    /// </summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>An optional passphrase the reader must also give; it never leaves this process. Never empty.</summary>
    public string? Passphrase { get; set; }

    /// <summary>
    /// How many times the secret may be read, 1 (the default) to the service's <see cref="ServiceLimits.MaxViews"/>.
    /// The last read deletes it.
    /// </summary>
    public int Views { get; set; } = 1;
}
