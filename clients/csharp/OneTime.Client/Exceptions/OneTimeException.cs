namespace OneTime.Client;

/// <summary>The base of every error <see cref="OneTimeClient"/> reports, other than argument errors and cancellation.</summary>
public class OneTimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, safe to show: it never contains the link, key or secret.</param>
    /// <param name="statusCode">The gRPC status code, when the error came from the service.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public OneTimeException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The gRPC status code number (e.g. 5 for NOT_FOUND) when the service answered with one; else <see langword="null"/>.</summary>
    public int? StatusCode { get; }
}
