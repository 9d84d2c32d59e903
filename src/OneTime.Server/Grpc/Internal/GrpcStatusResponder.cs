using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Answers a gRPC request with a status and no message from outside the method table (e.g. a rate limiter), through
/// the same trailers-only path a handler's failure takes.
/// </summary>
internal static class GrpcStatusResponder
{
    /// <summary>Returns false, writing nothing, when the request is not gRPC or gRPC-Web.</summary>
    public static bool TryWrite(HttpContext context, StatusCode status, string message)
    {
        var format = GrpcContentType.Parse(context.Request.ContentType);
        if (format == GrpcWireFormat.None || context.Response.HasStarted)
        {
            return false;
        }

        // A browser on an allowed origin must be able to read this status too, as it reads a handler's.
        if (context.RequestServices.GetService<IOptions<GrpcServerOptions>>() is { } options)
        {
            new GrpcCorsPolicy(options.Value.CorsAllowedOrigins).TryWriteActual(context);
        }

        var response = new GrpcResponseWriter(context.Response, format);
        response.WriteResponseHeaders();
        // Nothing was written, so the status goes in the headers.
        response.Complete(status, message);
        return true;
    }
}
