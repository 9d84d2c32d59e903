namespace OneTime.Client.Internal.Links;

/// Splits "{base URL}/{page}#{fragment}" the way every link of protos/README.md is spelled: nothing around it,
/// the base URL canonical (BaseUrlGrammar), the page named exactly, then the fragment.
internal static class LinkParts
{
    public static bool TrySplit(string? link, string page, out string baseUrl, out string fragment)
    {
        baseUrl = fragment = "";
        var hash = link?.IndexOf('#') ?? -1;
        var suffix = "/" + page;
        if (hash < 0 || !link.AsSpan(0, hash).EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        baseUrl = link![..(hash - suffix.Length)];
        fragment = link[(hash + 1)..];
        return BaseUrlGrammar.IsCanonical(baseUrl);
    }
}
