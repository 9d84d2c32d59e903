namespace OneTime.Client;

/// <summary>The service could not be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED, connection failures).</summary>
public sealed class ServiceUnavailableException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ServiceUnavailableException(string message, int statusCode = 14, Exception? innerException = null)
        : base(message, statusCode, innerException)
    {
    }
}
