namespace OneTime.Client;

/// <summary>
/// The service has no room for the secret (RESOURCE_EXHAUSTED for any reason other than a rate limit or the size
/// of this secret: its store is full, or this client's share of it is used up). Nothing was stored.
/// </summary>
public sealed class StoreFullException : OneTimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    public StoreFullException(string message, int statusCode = 8)
        : base(message, statusCode)
    {
    }
}
