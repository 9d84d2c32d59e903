using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace OneTime.Server.Web;

/// <summary>
/// Serves the UI's precompressed copies (<c>app.js.br</c>, <c>app.js.gz</c>, written by the server's build beside each
/// text file) to clients that accept them, through the static files middleware: the request path is pointed at the
/// copy, and the answer gets <c>Content-Encoding</c> and the original's content type. Every answer for a file with a
/// copy says <c>Vary: Accept-Encoding</c> (RFC 9110 section 12.5.5), so a cache never hands brotli to a client that
/// did not ask for it.
/// </summary>
internal sealed class PrecompressedFiles(IFileProvider files) : IContentTypeProvider
{
    private const string EncodingKey = "OneTime.ContentEncoding";

    // Preferred first: brotli is about a fifth smaller than gzip on the UI's script.
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private readonly FileExtensionContentTypeProvider _types = new();

    public Task RouteAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || request.Path.Value is not { } path)
        {
            return next(context);
        }

        if (Encodings.Any(e => path.EndsWith(e.Suffix, StringComparison.OrdinalIgnoreCase)))
        {
            // The copies are how a file is sent, not files of their own: asked for directly, they would go out as
            // encoded bytes with no Content-Encoding.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var accepted = request.GetTypedHeaders().AcceptEncoding;
        var varies = false;
        foreach (var (encoding, suffix) in Encodings)
        {
            if (!files.GetFileInfo(path + suffix).Exists) continue;
            varies = true;
            if (!Accepts(accepted, encoding)) continue;
            request.Path = path + suffix;
            context.Items[EncodingKey] = encoding;
            break;
        }

        if (varies) context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        return next(context);
    }

    /// <summary>For <see cref="StaticFileOptions.OnPrepareResponse"/>: marks an answer sent from a copy.</summary>
    public static void PrepareResponse(HttpContext context)
    {
        if (context.Items.TryGetValue(EncodingKey, out var encoding) && encoding is string name)
        {
            context.Response.Headers.ContentEncoding = name;
        }
    }

    /// <summary>A copy has the content type of its original.</summary>
    public bool TryGetContentType(string subpath, out string contentType)
    {
        foreach (var (_, suffix) in Encodings)
        {
            if (subpath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return _types.TryGetContentType(subpath[..^suffix.Length], out contentType!);
        }

        return _types.TryGetContentType(subpath, out contentType!);
    }

    // RFC 9110 section 12.5.3: a coding is acceptable when listed, or covered by "*", with a qvalue above zero.
    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        var named = accepted.FirstOrDefault(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase));
        named ??= accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
        return named is not null && (named.Quality ?? 1) > 0;
    }
}
