namespace OneTime.Client;

/// <summary>
/// The ciphertext did not decrypt: it is corrupted, of an unknown format version, or the key is wrong. The
/// secret has been consumed on the server all the same.
/// </summary>
public sealed class SecretDecryptionException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SecretDecryptionException(string message)
        : base(message)
    {
    }
}
