namespace OneTime.Client;

/// <summary>
/// The TLS handshake with the service failed, most often because its certificate is not trusted (an unknown or
/// private CA), names another host, or has expired. Nothing was sent.
/// </summary>
public sealed class SecureConnectionException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the certificate problem when the platform reported it.</param>
    /// <param name="innerException">The handshake failure.</param>
    public SecureConnectionException(string message, Exception? innerException = null)
        : base(message, 14, innerException)
    {
    }
}
