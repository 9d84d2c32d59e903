namespace OneTime.Client;

/// <summary>The service rejected the request (INVALID_ARGUMENT, OUT_OF_RANGE): for example a secret too large or a TTL out of range.</summary>
public sealed class InvalidSecretRequestException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    public InvalidSecretRequestException(string message, int statusCode = 3)
        : base(message, statusCode)
    {
    }
}
