namespace OneTime.Client;

/// <summary>The service rejected the request (INVALID_ARGUMENT, OUT_OF_RANGE): for example limits that changed since this client asked for them.</summary>
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
