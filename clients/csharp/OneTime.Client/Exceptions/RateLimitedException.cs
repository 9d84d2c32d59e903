namespace OneTime.Client;

/// <summary>
/// The service refused the call because this address made too many calls (RESOURCE_EXHAUSTED with
/// <c>grpc-retry-pushback-ms</c> or <c>Retry-After</c>). Nothing was stored or read; the same call may be retried later.
/// </summary>
public sealed class RateLimitedException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="retryAfter">How long the service asked the caller to wait, when it said.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    public RateLimitedException(string message, TimeSpan? retryAfter = null, int statusCode = 8)
        : base(message, statusCode)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long to wait before trying again, as the service said it; <see langword="null"/> when it did not.</summary>
    public TimeSpan? RetryAfter { get; }
}
