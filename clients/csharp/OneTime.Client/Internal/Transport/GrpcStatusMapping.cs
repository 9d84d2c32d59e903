using Grpc.Core;

namespace OneTime.Client.Internal.Transport;

/// The one place where a failed call becomes the exception callers catch. grpc-dotnet has already turned transport
/// failures, deadlines and plain HTTP answers from proxies into statuses (doc/http-grpc-status-mapping.md).
/// Messages name the service's host at most: never the link, token or ciphertext.
internal static class GrpcStatusMapping
{
    public static Exception ToException(RpcException exception, Uri address, bool storing, CancellationToken cancellationToken)
    {
        if (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The call was cancelled.", exception, cancellationToken);
        }

        var code = exception.StatusCode;
        var detail = exception.Status.Detail;
        if (code == StatusCode.Cancelled && exception.Status.DebugException is OperationCanceledException)
        {
            // Not the caller's token: the HttpClient's Timeout or its handler's ConnectTimeout gave up first.
            code = StatusCode.DeadlineExceeded;
        }
        else if (IsConnectionFailure(code, exception.Status.DebugException))
        {
            if (TlsFailure.Find(exception.Status.DebugException) is { } tls)
            {
                return TlsFailure.ToException(tls, address);
            }

            code = StatusCode.Unavailable;
            detail = "cannot connect to " + address.GetLeftPart(UriPartial.Authority);
        }
        else if (IsGracefulClose(code, exception.Status.DebugException))
        {
            code = StatusCode.Unavailable;
            detail = address.GetLeftPart(UriPartial.Authority) + " closed the connection; try again";
        }

        return code == StatusCode.ResourceExhausted
            ? ToResourceException(code, detail, exception, storing)
            : ToException(code, detail, exception);
    }

    // A failure on our side of the wire, not a status the server sent (those carry no exception). grpc-dotnet says
    // UNAVAILABLE when a socket or I/O error is underneath, and INTERNAL for the rest of HttpClient's failures to
    // reach the server (TLS handshake, proxy refusals); an HTTP/2 stream reset keeps the status the library gave it.
    private static bool IsConnectionFailure(StatusCode code, Exception? debugException) => code switch
    {
        StatusCode.Unavailable => debugException is not null,
        StatusCode.Internal => debugException is HttpRequestException { InnerException: not HttpProtocolException },
        _ => false,
    };

    // A server shutting down (a restart, a rolling deploy) sends GOAWAY with NO_ERROR and closes the connection; a call
    // HttpClient had queued on it but not yet sent fails with that code instead of being retried on a new connection,
    // and grpc-dotnet says INTERNAL (tests/PERFORMANCE.md, "Soak with faults"). To the caller the service is unavailable.
    private static bool IsGracefulClose(StatusCode code, Exception? debugException) =>
        code == StatusCode.Internal && debugException is HttpRequestException { InnerException: HttpProtocolException { ErrorCode: 0 } };

    // RESOURCE_EXHAUSTED means three different things to a user, told apart by what the answer carries: a rate
    // limiter's pushback header, grpc-dotnet's message size check before the message is read, and otherwise a
    // store with no room left. The ciphertext limit itself is checked before sending (GetLimits), so the server's
    // INVALID_ARGUMENT is not parsed for it: its words stay the server's, in InvalidSecretRequestException.
    private static OneTimeException ToResourceException(StatusCode code, string? detail, RpcException inner, bool storing)
    {
        if (RetryPushback.TryGet(inner.Trailers, out var wait))
        {
            return new RateLimitedException(
                $"Rate limited: too many calls from this address; try again {RetryPushback.Describe(wait)}.", wait, (int)code);
        }

        if (!storing)
        {
            // Only the client's own receive limit makes a read answer RESOURCE_EXHAUSTED.
            return new OneTimeException($"The service's answer is larger than this client accepts{Suffix(detail)}.", (int)code, inner);
        }

        return detail?.Contains("exceeds the maximum configured message size", StringComparison.Ordinal) == true
            ? new SecretTooLargeException("The secret is too large for this service.", null, (int)code)
            : new StoreFullException($"The service has no room for the secret; nothing was stored. Try again later{Suffix(detail)}.", (int)code);
    }

    private static OneTimeException ToException(StatusCode code, string? detail, Exception inner) => code switch
    {
        StatusCode.NotFound =>
            new SecretNotFoundException("The secret does not exist: it was already read, it expired, or the link or passphrase is wrong."),
        StatusCode.Unavailable =>
            new ServiceUnavailableException("The OneTime service is unavailable" + Suffix(detail) + ".", (int)code, inner),
        StatusCode.DeadlineExceeded =>
            new ServiceUnavailableException("The OneTime service did not answer in time.", (int)code, inner),
        StatusCode.InvalidArgument or StatusCode.OutOfRange =>
            new InvalidSecretRequestException("The service rejected the request" + Suffix(detail) + ".", (int)code),
        _ => new OneTimeException($"The call failed with gRPC status {code}{Suffix(detail)}.", (int)code, inner),
    };

    private static string Suffix(string? detail) => string.IsNullOrEmpty(detail) ? "" : $" ({detail.TrimEnd('.')})";
}
