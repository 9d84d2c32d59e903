using System.Net;

namespace OneTime.Client.Internal.Links;

/// A link split into the base URL the service answers on (not secret) and the fragment (secret).
internal sealed record ParsedLink(Uri BaseAddress, LinkFragment Fragment)
{
    /// The reveal page the web UI serves; it holds nothing secret, so it may appear in server and proxy logs.
    public const string RevealPath = "s";

    public static Uri Build(Uri baseAddress, LinkFragment fragment) =>
        new(TrimBase(baseAddress) + "/" + RevealPath + "#" + fragment.Format());

    /// Parses the raw string as protos/README.md spells a link, the way the TypeScript client does: nothing
    /// around it (no whitespace), the base URL in its canonical spelling (BaseUrlGrammar), "/s#", the fragment.
    public static bool TryParse(string? link, out ParsedLink? result)
    {
        result = null;
        var hash = link?.IndexOf('#') ?? -1;
        const string suffix = "/" + RevealPath;
        if (hash < 0 || !link.AsSpan(0, hash).EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var baseUrl = link![..(hash - suffix.Length)];
        if (!BaseUrlGrammar.IsCanonical(baseUrl) || !LinkFragment.TryParse(link.AsSpan(hash + 1), out var fragment))
        {
            return false;
        }

        result = new ParsedLink(new Uri(baseUrl, UriKind.Absolute), fragment!);
        return true;
    }

    /// "http://host/", "http://host" and "http://host/prefix/" all name the same base. An IPv6 host is spelled as
    /// the URL standard spells it: System.Uri writes "[::ffff:1.2.3.4]" where a link has "[::ffff:102:304]".
    public static string TrimBase(Uri baseAddress)
    {
        var left = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var host = baseAddress.Host; // "[...]"
        if (baseAddress.HostNameType != UriHostNameType.IPv6 || !IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var address)
            || address.ScopeId != 0)
        {
            return left;
        }

        var at = left.IndexOf(host, StringComparison.Ordinal);
        return left[..at] + "[" + BaseUrlGrammar.FormatIPv6(address) + "]" + left[(at + host.Length)..];
    }
}
