using Microsoft.AspNetCore.Http;

namespace OneTime.Server.Web;

/// <summary>The headers every web response carries: what the page may load, and what the browser may leak.</summary>
internal static class SecurityHeaders
{
    // No inline script or style, nothing from another origin, gRPC-Web only to this origin, never framed.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string OneYear = "max-age=31536000";

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
    }
}
