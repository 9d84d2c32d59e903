using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// CORS for browser gRPC-Web clients (the Fetch standard's preflight): the allowed origin is echoed, and the
/// gRPC status headers are exposed so the client can read them.
/// </summary>
internal sealed class GrpcCorsPolicy
{
    private const string AnyOrigin = "*";
    private const string AllowedMethods = "POST";
    private const string AllowedHeaders = "content-type, x-grpc-web, x-user-agent, grpc-timeout, grpc-encoding, grpc-accept-encoding";
    private const string ExposedHeaders = "grpc-status, grpc-message, grpc-encoding, grpc-accept-encoding";
    private const string MaxAgeSeconds = "7200";

    private readonly HashSet<string> _origins;
    private readonly bool _anyOrigin;

    public GrpcCorsPolicy(IEnumerable<string> allowedOrigins)
    {
        _origins = new HashSet<string>(allowedOrigins, StringComparer.OrdinalIgnoreCase);
        _anyOrigin = _origins.Contains(AnyOrigin);
    }

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey(HeaderNames.Origin)
        && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);

    public bool IsAllowed(string origin) => _anyOrigin || _origins.Contains(origin);

    /// <summary>Answers a preflight: 204 with the policy when the origin is allowed, 403 without CORS headers otherwise.</summary>
    public bool TryWritePreflight(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var response = context.Response;
        if (!IsAllowed(origin))
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return false;
        }

        response.StatusCode = StatusCodes.Status204NoContent;
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = MaxAgeSeconds;
        headers.Vary = HeaderNames.Origin;
        return true;
    }

    /// <summary>Adds CORS headers to an actual (non-preflight) response when its origin is allowed.</summary>
    public bool TryWriteActual(HttpContext context)
    {
        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        if (!IsAllowed(origin.ToString()))
        {
            return false;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = ExposedHeaders;
        headers.Vary = HeaderNames.Origin;
        return true;
    }
}
