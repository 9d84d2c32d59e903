namespace OneTime.Client;

/// <summary>Whether a secret can still be read, as reported by <see cref="OneTimeClient.ExistsAsync"/>.</summary>
public sealed class SecretStatus
{
    internal SecretStatus(bool exists, DateTimeOffset? expiresAt)
    {
        Exists = exists;
        ExpiresAt = expiresAt;
    }

    /// <summary><see langword="true"/> while the secret is unread and unexpired.</summary>
    public bool Exists { get; }

    /// <summary>When the secret expires; <see langword="null"/> when it no longer exists.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
