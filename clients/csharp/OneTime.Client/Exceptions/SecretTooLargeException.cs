namespace OneTime.Client;

/// <summary>
/// The encrypted secret is larger than the service accepts: found before uploading, from the service's limits
/// (<see cref="OneTimeClient.GetLimitsAsync(CancellationToken)"/>), or, rarely, by the service's message size check.
/// Nothing was stored.
/// </summary>
public sealed class SecretTooLargeException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="maxCiphertextBytes">The service's limit on the encrypted size, when known.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    public SecretTooLargeException(string message, int? maxCiphertextBytes = null, int statusCode = 8)
        : base(message, statusCode)
    {
        MaxCiphertextBytes = maxCiphertextBytes;
    }

    /// <summary>The largest ciphertext the service accepts, in bytes, from its limits; <see langword="null"/> when the service refused the message without naming it.</summary>
    public int? MaxCiphertextBytes { get; }
}
