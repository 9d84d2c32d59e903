using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OneTime.Server.Web;

/// <summary>
/// <c>GET /version</c>: the server's version and the SHA-256 of the UI it serves (<see cref="UiBundleHash"/>), so an
/// operator can check what the page that reads the keys is against a release (SECURITY.md, "Trusting the page").
/// Both are worked out once, at start.
/// </summary>
internal static class VersionEndpoint
{
    public const string Path = "/version";

    public static IEndpointRouteBuilder MapVersion(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value.RootPath;
        var body = Render(ServerVersion(), UiBundleHash.Compute(root));
        RequestDelegate answer = context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        };
        app.MapGet(Path, answer);
        return app;
    }

    // The SDK writes the package version, and the commit it was built from when it knows it ("1.0.0+5e1c...").
    private static string ServerVersion() =>
        typeof(VersionEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static byte[] Render(string version, string? uiBundleSha256)
    {
        using var buffer = new MemoryStream();
        // The relaxed encoder writes "1.0.0+5e1c" as it is, where the default one writes "\u002B" for the "+"; the
        // body is JSON for tools and people, never embedded in HTML, so HTML-safe escaping buys nothing here.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", version);
            json.WriteString("uiBundleSha256", uiBundleSha256); // null when no UI is served
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
