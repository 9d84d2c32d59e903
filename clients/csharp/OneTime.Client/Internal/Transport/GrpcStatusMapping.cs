using Grpc.Core;

namespace OneTime.Client.Internal.Transport;

/// The one place where a failed call becomes the exception callers catch. grpc-dotnet has already turned transport
/// failures, deadlines and plain HTTP answers from proxies into statuses (doc/http-grpc-status-mapping.md).
/// Messages name the service's host at most: never the link, token or ciphertext.
internal static class GrpcStatusMapping
{
    public static Exception ToException(RpcException exception, Uri address, CancellationToken cancellationToken)
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
            code = StatusCode.Unavailable;
            detail = "cannot connect to " + address.GetLeftPart(UriPartial.Authority);
        }

        return ToException(code, detail, exception);
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

    private static OneTimeException ToException(StatusCode code, string? detail, Exception inner)
    {
        var suffix = string.IsNullOrEmpty(detail) ? "" : $" ({detail})";
        return code switch
        {
            StatusCode.NotFound =>
                new SecretNotFoundException("The secret does not exist: it was already read, it expired, or the link or passphrase is wrong."),
            StatusCode.Unavailable =>
                new ServiceUnavailableException("The OneTime service is unavailable" + suffix + ".", (int)code, inner),
            StatusCode.DeadlineExceeded =>
                new ServiceUnavailableException("The OneTime service did not answer in time.", (int)code, inner),
            StatusCode.InvalidArgument or StatusCode.OutOfRange =>
                new InvalidSecretRequestException("The service rejected the request" + suffix + ".", (int)code),
            StatusCode.ResourceExhausted =>
                new OneTimeException("The service is full or the secret is too large" + suffix + ".", (int)code),
            _ => new OneTimeException($"The call failed with gRPC status {code}{suffix}.", (int)code, inner),
        };
    }
}
