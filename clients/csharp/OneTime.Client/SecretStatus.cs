namespace OneTime.Client;

/// <summary>What the service says about a secret, as reported by <see cref="OneTimeClient.ExistsAsync"/>.</summary>
public sealed class SecretStatus
{
    internal SecretStatus(SecretState state, DateTimeOffset? expiresAt, int viewsLeft, DateTimeOffset? readAt)
    {
        State = state;
        ExpiresAt = expiresAt;
        ViewsLeft = viewsLeft;
        ReadAt = readAt;
    }

    /// <summary><see langword="true"/> while the secret can be read (<see cref="SecretState.Waiting"/>).</summary>
    public bool Exists => State == SecretState.Waiting;

    /// <summary>Waiting, read, or gone.</summary>
    public SecretState State { get; }

    /// <summary>
    /// When the secret expires if its views are not all taken, or, once <see cref="SecretState.Read"/>, when the
    /// service forgets the receipt; <see langword="null"/> when gone.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>How many more times the secret can be read; 0 unless <see cref="SecretState.Waiting"/>.</summary>
    public int ViewsLeft { get; }

    /// <summary>
    /// When the secret was last read: set once <see cref="SecretState.Read"/>, and while waiting once a view of a
    /// multi-view secret was taken; <see langword="null"/> otherwise.
    /// </summary>
    public DateTimeOffset? ReadAt { get; }
}
