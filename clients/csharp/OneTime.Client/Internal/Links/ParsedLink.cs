namespace OneTime.Client.Internal.Links;

/// A link split into the base URL the service answers on (not secret) and the fragment (secret).
internal sealed record ParsedLink(Uri BaseAddress, LinkFragment Fragment)
{
    /// The reveal page the web UI serves; it holds nothing secret, so it may appear in server and proxy logs.
    public const string RevealPath = "s";

    public static Uri Build(Uri baseAddress, LinkFragment fragment) =>
        new(TrimBase(baseAddress) + "/" + RevealPath + "#" + fragment.Format());

    public static bool TryParse(string? link, out ParsedLink? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var path = uri.AbsolutePath;
        const string suffix = "/" + RevealPath;
        if (!path.EndsWith(suffix, StringComparison.Ordinal) || uri.Fragment.Length < 2)
        {
            return false;
        }

        if (!LinkFragment.TryParse(uri.Fragment.AsSpan(1), out var fragment))
        {
            return false;
        }

        var basePath = path[..^suffix.Length];
        var baseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority) + basePath);
        result = new ParsedLink(baseAddress, fragment!);
        return true;
    }

    /// "http://host/", "http://host" and "http://host/prefix/" all name the same base.
    public static string TrimBase(Uri baseAddress) =>
        baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
