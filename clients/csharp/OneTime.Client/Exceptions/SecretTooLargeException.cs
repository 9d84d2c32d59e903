namespace OneTime.Client;

/// <summary>
/// The encrypted secret is larger than the service accepts (its ciphertext limit, or its message size limit).
/// Nothing was stored.
/// </summary>
public sealed class SecretTooLargeException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="maxCiphertextBytes">The service's limit on the encrypted size, when it named one.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    public SecretTooLargeException(string message, int? maxCiphertextBytes = null, int statusCode = 8)
        : base(message, statusCode)
    {
        MaxCiphertextBytes = maxCiphertextBytes;
    }

    /// <summary>The largest ciphertext the service accepts, in bytes, when it said; <see langword="null"/> otherwise.</summary>
    public int? MaxCiphertextBytes { get; }
}
