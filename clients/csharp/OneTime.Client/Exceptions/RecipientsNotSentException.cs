namespace OneTime.Client;

/// <summary>
/// Sending to several recipients stopped part way: <see cref="Exception.InnerException"/> says why. No link was
/// handed out; the secrets already stored were burned (<see cref="Stored"/>, <see cref="LeftStored"/>).
/// </summary>
public sealed class RecipientsNotSentException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; it holds no link or key.</param>
    /// <param name="stored">How many recipients' secrets had been stored before the failure.</param>
    /// <param name="leftStored">How many of those could not be burned.</param>
    /// <param name="innerException">The failure that stopped the send.</param>
    public RecipientsNotSentException(string message, int stored, int leftStored, Exception innerException)
        : base(message, (innerException as OneTimeException)?.StatusCode, innerException)
    {
        Stored = stored;
        LeftStored = leftStored;
    }

    /// <summary>How many recipients' secrets were stored before the failure.</summary>
    public int Stored { get; }

    /// <summary>
    /// How many of them could not be burned: they stay on the service, unreadable by anyone (their keys were never
    /// handed out), until their TTL ends.
    /// </summary>
    public int LeftStored { get; }
}
