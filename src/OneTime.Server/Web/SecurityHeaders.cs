using Microsoft.AspNetCore.Http;

namespace OneTime.Server.Web;

/// <summary>
/// The headers every response carries, whatever answers it (a page, gRPC, gRPC-Web, the rate limiter's 429 or
/// RESOURCE_EXHAUSTED, a 404): what a page may load, what the browser may leak, and that no gRPC answer is cached.
/// </summary>
internal static class SecurityHeaders
{
    // No inline script or style, nothing from another origin, gRPC-Web only to this origin, never framed.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string OneYear = "max-age=31536000";
    private const string NoStore = "no-store";
    private const string GrpcContentType = "application/grpc"; // also application/grpc-web and application/grpc-web-text

    /// <summary>
    /// First in the pipeline, so that answers written by middleware that ends the request early (the rate limiter)
    /// carry the headers too; they are set as the response starts, over whatever wrote it.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(ApplyOnStarting, context);
            return next(context);
        });

    // One delegate for every response, the context passed as its state: no closure per request.
    private static readonly Func<object, Task> ApplyOnStarting = static state =>
    {
        Apply((HttpContext)state);
        return Task.CompletedTask;
    };

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer"; // a link's path never leaves with a click, let alone its fragment
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = OneYear;
        }

        // A gRPC answer is one call's result (a ciphertext, "gone"): no shared or browser cache may keep it
        // (RFC 9111 section 5.2.2.5). gRPC-Web answers are POSTs, rarely cached, but a proxy may still store them.
        if (IsGrpc(context.Request.ContentType) || IsGrpc(context.Response.ContentType))
        {
            headers.CacheControl = NoStore;
        }
    }

    private static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase);
}
