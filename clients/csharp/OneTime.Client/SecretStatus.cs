namespace OneTime.Client;

/// <summary>What the service says about a secret, as reported by <see cref="OneTimeClient.ExistsAsync"/>.</summary>
public sealed class SecretStatus
{
    internal SecretStatus(
        SecretState state, DateTimeOffset? expiresAt, int viewsLeft, DateTimeOffset? readAt, ConfirmationState confirmation, string? readerNote)
    {
        State = state;
        ExpiresAt = expiresAt;
        ViewsLeft = viewsLeft;
        ReadAt = readAt;
        Confirmation = confirmation;
        ReaderNote = readerNote;
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

    /// <summary>
    /// Once <see cref="SecretState.Read"/>, whether the reader's client confirmed the read with the link's key,
    /// checked here against this link (see <see cref="ConfirmationState"/> for what that proves and what it does not);
    /// <see cref="ConfirmationState.None"/> otherwise.
    /// </summary>
    public ConfirmationState Confirmation { get; }

    /// <summary>
    /// The reader's note, only when <see cref="ConfirmationState.Confirmed"/> and the reader wrote one; otherwise
    /// <see langword="null"/>. Text someone else typed: show it without control or bidirectional characters.
    /// </summary>
    public string? ReaderNote { get; }
}
