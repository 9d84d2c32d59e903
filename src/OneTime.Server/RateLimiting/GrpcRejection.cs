using System.Globalization;
using Grpc.Core;

namespace OneTime.Server.RateLimiting;

/// <summary>
/// A gRPC answer from outside grpc-dotnet (the rate limiter runs before it): a trailers-only response, which is
/// nothing but headers (grpc/grpc doc/PROTOCOL-HTTP2.md "Trailers-Only"; gRPC-Web clients read it the same way).
/// </summary>
internal static class GrpcRejection
{
    private const string GrpcContentType = "application/grpc";

    /// <summary>Writes the status and returns true when the request is gRPC or gRPC-Web; otherwise writes nothing.</summary>
    public static bool TryWrite(HttpContext context, StatusCode status, string message)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase)
            || context.Response.HasStarted)
        {
            return false;
        }

        var response = context.Response;
        // A gRPC status rides on HTTP 200; the client reads grpc-status, not the HTTP status.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        // PROTOCOL-HTTP2.md: grpc-message is percent-encoded UTF-8; encoding more than it requires is allowed.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return true;
    }
}
