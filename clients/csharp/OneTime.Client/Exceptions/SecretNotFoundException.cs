namespace OneTime.Client;

/// <summary>
/// The secret is not there: already read, expired, never existed, or the link or passphrase is wrong. The service
/// cannot tell these apart, by design; a wrong passphrase deletes nothing.
/// </summary>
public sealed class SecretNotFoundException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SecretNotFoundException(string message)
        : base(message, 5)
    {
    }
}
