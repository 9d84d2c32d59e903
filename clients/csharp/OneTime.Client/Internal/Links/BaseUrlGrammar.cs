using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace OneTime.Client.Internal.Links;

/// The base URL of a link in its one canonical spelling (protos/README.md "Link"): the string itself is checked,
/// never what System.Uri makes of it, because Uri quietly repairs what the spec rejects (an upper-case scheme,
/// ":443", "//s", "./s", "a/../s", "%73" for "s"). The canonical spelling is what a WHATWG URL serializer writes,
/// so the TypeScript client's check (parse with URL, require the same string back, plus this same pattern)
/// accepts exactly these strings; protos/testdata holds the cases both run.
internal static partial class BaseUrlGrammar
{
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private const int MaxLabelLength = 63; // RFC 1035 §2.3.4, as DNS carries a name
    private const int MaxNameLength = 253; // in text, without the final "."

    public static bool IsCanonical(string baseUrl)
    {
        var match = Pattern().Match(baseUrl);
        if (!match.Success)
        {
            return false;
        }

        var scheme = match.Groups["scheme"].Value;
        var port = match.Groups["port"];
        if (port.Success && (!int.TryParse(port.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > 65535 || number == (scheme == "https" ? 443 : 80)))
        {
            return false;
        }

        var host = match.Groups["host"].Value;
        var hostOk = host.StartsWith('[') ? IsCanonicalIPv6(host[1..^1]) : IsCanonicalName(host);
        return hostOk && match.Groups["segment"].Captures.All(c => IsCanonicalSegment(c.Value));
    }

    // WHATWG URL: a host whose last label is a number (decimal, or "0x" and hex digits) is an IPv4 address,
    // serialized as four decimal parts; "0xg" is no number, so a name. A name DNS cannot carry (RFC 1035 §2.3.4)
    // opens nowhere, and System.Uri refuses some of them, so protos/README.md rules them out.
    private static bool IsCanonicalName(string host)
    {
        var labels = host.Split('.');
        var last = labels[^1].Length == 0 && labels.Length > 1 ? labels[^2] : labels[^1];
        if (host.TrimEnd('.').Length > MaxNameLength || labels.Any(label => label.Length > MaxLabelLength))
        {
            return false;
        }

        if (last.Length > 0 && (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigitLower))))
        {
            return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && v4.ToString() == host;
        }

        return labels.All(label => !label.StartsWith("xn--", StringComparison.Ordinal) || IsIdnLabel(label));
    }

    // protos/README.md "Link", the rules for an xn-- label: canonical Punycode of a U-label with a non-ASCII
    // character, in NFC, not beginning with a mark, without the hyphens RFC 5891 forbids, right-to-left only as a
    // whole, and valid to ICU's UTS #46 check (IdnMapping, which decodes it and checks rule 5).
    private static bool IsIdnLabel(string label)
    {
        string u;
        try
        {
            u = new IdnMapping().GetUnicode(label);
            if (new IdnMapping().GetAscii(u) != label)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        var runes = u.EnumerateRunes().ToList();
        if (runes.All(r => r.IsAscii) || !u.IsNormalized(NormalizationForm.FormC) || IsMark(runes[0])
            || u[0] == '-' || u[^1] == '-' || (u.Length >= 4 && u[2] == '-' && u[3] == '-'))
        {
            return false;
        }

        if (!runes.Any(IsRightToLeft))
        {
            return true;
        }

        var end = runes.FindLastIndex(r => !IsMark(r));
        return runes.All(IsRightToLeft) && Rune.IsLetter(runes[0]) && end >= 0
            && (Rune.IsLetter(runes[end]) || Rune.GetUnicodeCategory(runes[end]) == UnicodeCategory.DecimalDigitNumber)
            && !(runes.Any(r => r.Value is >= 0x660 and <= 0x669) && runes.Any(r => r.Value is >= 0x6F0 and <= 0x6F9));
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // The blocks whose characters are right-to-left (Hebrew to Arabic Extended-A, their presentation forms, and the
    // supplementary planes' right-to-left ranges): protos/README.md's table-free stand-in for RFC 5893's classes.
    private static bool IsRightToLeft(Rune rune) => rune.Value is >= 0x590 and <= 0x8FF or >= 0xFB1D and <= 0xFDFF
        or >= 0xFE70 and <= 0xFEFF or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF;

    private static bool IsCanonicalIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
        && address.ScopeId == 0 && FormatIPv6(address) == text;

    /// The URL standard's IPv6 serializer: lower-case hex without leading zeros, the first longest run of two or
    /// more zero pieces as "::", never the embedded IPv4 form that IPAddress and System.Uri write for "::1.2.3.4"
    /// and "::ffff:1.2.3.4".
    public static string FormatIPv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var pieces = Enumerable.Range(0, 8).Select(i => bytes[2 * i] << 8 | bytes[2 * i + 1]).ToArray();
        var (start, length) = (-1, 1);
        for (var i = 0; i < 8; i++)
        {
            var run = 0;
            while (i + run < 8 && pieces[i + run] == 0) run++;
            if (run > length) (start, length) = (i, run);
        }

        var parts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            if (i == start)
            {
                parts.Add(i == 0 ? ":" : "");
                i += length - 1;
                if (i == 7) parts.Add("");
                continue;
            }

            parts.Add(pieces[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return string.Join(':', parts);
    }

    // RFC 3986 §6.2.2: percent-escapes in upper case, and never for an unreserved character ("%73" is "s"); no
    // dot segments (§5.2.4 would remove them).
    private static bool IsCanonicalSegment(string segment)
    {
        if (segment is "." or "..")
        {
            return false;
        }

        for (var i = segment.IndexOf('%'); i >= 0; i = segment.IndexOf('%', i + 1))
        {
            var value = Convert.ToByte(segment.Substring(i + 1, 2), 16);
            if (Unreserved.Contains((char)value))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(
        @"^(?<scheme>https|http)://(?<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:]+\])"
        + @"(?::(?<port>[1-9][0-9]{0,4}))?(?:/(?<segment>(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})+))*\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
