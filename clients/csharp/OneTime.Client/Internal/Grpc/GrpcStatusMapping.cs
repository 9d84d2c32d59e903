using System.Net;

namespace OneTime.Client.Internal.Grpc;

/// The one place where a gRPC status or an HTTP failure becomes the exception callers catch.
internal static class GrpcStatusMapping
{
    public static OneTimeException ToException(GrpcStatusCode code, string? detail, Exception? inner = null)
    {
        var suffix = string.IsNullOrEmpty(detail) ? "" : $" ({detail})";
        return code switch
        {
            GrpcStatusCode.NotFound =>
                new SecretNotFoundException("The secret does not exist: it was already read, it expired, or the link or passphrase is wrong."),
            GrpcStatusCode.Unavailable =>
                new ServiceUnavailableException("The OneTime service is unavailable" + suffix + ".", (int)code, inner),
            GrpcStatusCode.DeadlineExceeded =>
                new ServiceUnavailableException("The OneTime service did not answer in time.", (int)code, inner),
            GrpcStatusCode.InvalidArgument or GrpcStatusCode.OutOfRange =>
                new InvalidSecretRequestException("The service rejected the request" + suffix + ".", (int)code),
            GrpcStatusCode.ResourceExhausted =>
                new OneTimeException("The service is full or the secret is too large" + suffix + ".", (int)code),
            _ => new OneTimeException($"The call failed with gRPC status {code}{suffix}.", (int)code, inner),
        };
    }

    /// gRPC over a proxy that answers with plain HTTP: doc/http-grpc-status-mapping.md.
    public static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
