using System.Text;
using OneTime.Client.Tests.Vectors;

namespace OneTime.Client.Tests.Links;

/// Candidate links for the differential test: the link vectors of protos/testdata (valid and invalid secret, request
/// and reply links) changed by one to three mutations each, drawn from a seeded Random so that a seed names one corpus.
/// The mutations are the ways a link gets mangled or forged: characters inserted, deleted or replaced (delimiters,
/// look-alikes, invisible and control characters, unpaired surrogates), case changed, characters percent-escaped or
/// unescaped, cut short or stretched, its base URL swapped for a spelling URL parsers disagree on, its page or
/// fragment parts swapped between kinds.
internal static class LinkCorpus
{
    // Characters that matter to the grammar, and look-alikes a URL library folds: the Kelvin sign, the dotless i, the
    // long s, a full-width s; invisible ones (zero width space, BOM, right-to-left override), both surrogate halves.
    private static readonly string[] Characters =
    [
        "%", ".", "/", "#", ":", "@", "[", "]", "?", "\\", " ", "\t", "\n", "\r", "\0", "=", "+", "-", "_", "~", "'", "^", "|",
        "A", "Z", "a", "z", "0", "9", "\u212a", "\u0131", "\u017f", "\uff53", "\u00fc", "\u200b", "\ufeff", "\u202e",
        "\ud800", "\udc00", "\U0001f511",
    ];

    // Base URLs where a hand-written grammar and the URL standard could part ways: hosts that are numbers (or look like
    // them), IDNA labels that do or do not decode, long labels, ports at and past the limits, escapes in the path.
    private static readonly string[] BaseUrls =
    [
        "http://0xg", "http://a.0xg", "http://0x1", "http://a.0x", "http://0xz.example", "http://1.2.3.4.", "http://1.2.3",
        "http://4294967295", "http://0.0.0.0", "http://255.255.255.255", "http://256.0.0.0", "http://01.2.3.4", "http://a.1",
        "http://a.123.", "http://1a", "http://1e5", "http://a.09", "http://[::ffff:0:0]", "http://[1::]", "http://[::1:0:0:0]",
        "http://[0:0:0:0:0:0:0:1]", "http://[1:0:0:1:0:0:0:1]", "http://[1::1:0:0:1]", "http://[::]", "http://[::1%25eth0]",
        "http://" + new string('a', 63), "http://" + new string('a', 64), "http://" + string.Join('.', Enumerable.Repeat(new string('b', 63), 5)),
        "http://xn--a", "http://xn--ls8h.example", "http://xn--abc-", "http://xn--", "http://xn--1", "http://xn--zca",
        "http://xn--bcher-kva.example", "http://xn--nxasmq6b", "http://xn--ss-", "http://a.xn--a-", "http://xn--55qx5d.xn--tckwe",
        "http://xn--80ak6aa92e.com", "http://xn--4ca", "http://xn--a-ecp.ru", "http://ab--cd", "http://a..b", "http://-a", "http://a-",
        "http://localhost:0", "http://localhost:65535", "http://localhost:65536", "http://localhost:99999", "https://a:80",
        "http://a:443", "https://a:443", "http://a/%2F", "http://a/%2e", "http://a/%7e", "http://a/%7E", "http://a/~", "http://a/%00",
        "http://a/'", "http://a/^", "http://a/|", "http://a/%", "http://a/%G0", "http://a/%e2%82%ac", "http://a/%E2%82%AC",
        "http://a/.a", "http://a/..a", "http://a/a.", "http://a/C:", "http://a/@", "http://a/%2e%2e", "http://a/%40",
    ];

    private static readonly IReadOnlyList<string>[] ValidSeeds =
    [
        [.. VectorFile.Root.GetProperty("links").GetProperty("valid").EnumerateArray().Select(v => v.GetProperty("link").GetString()!)],
        [.. RequestVectorFile.Root.GetProperty("requests").EnumerateArray().Select(v => v.GetProperty("expected").GetProperty("request_link").GetString()!)],
        [.. RequestVectorFile.Root.GetProperty("replies").EnumerateArray().Select(v => v.GetProperty("expected").GetProperty("reply_link").GetString()!)],
    ];

    // Declared after ValidSeeds, which it is made from (static fields initialize in order).
    public static IReadOnlyList<string> Seeds { get; } = LoadSeeds();

    /// count candidates from seed: every seed unchanged first, then mutants.
    public static IReadOnlyList<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var corpus = new List<string>(Seeds);
        while (corpus.Count < count)
        {
            // Half the mutants start from a valid link, so that the parsers' accepting paths are reached as often as
            // their first rejections; the request and reply vectors are few, so each kind is drawn as often.
            var text = random.Next(2) == 0 ? Seeds[random.Next(Seeds.Count)] : PickValid(random);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                text = Mutate(random, text);
            }

            corpus.Add(text);
        }

        return corpus;
    }

    private static string PickValid(Random random)
    {
        var kind = ValidSeeds[random.Next(ValidSeeds.Length)];
        return kind[random.Next(kind.Count)];
    }

    /// A candidate as one line for tests/interop/link-verdicts.ts: its UTF-16 code units in hex.
    public static string Encode(string candidate)
    {
        var line = new StringBuilder(candidate.Length * 4);
        foreach (var c in candidate)
        {
            line.Append(((int)c).ToString("x4"));
        }

        return line.ToString();
    }

    private static string Mutate(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        var c = at < text.Length ? text[at] : 'x';
        var hash = text.IndexOf('#');
        var page = hash > 0 ? text.LastIndexOf('/', hash - 1) : -1;
        return random.Next(12) switch
        {
            0 => text.Insert(at, Characters[random.Next(Characters.Length)]),
            1 => at < text.Length ? text.Remove(at, 1) : text[..Math.Max(0, at - 1)],
            2 => text[..at] + Characters[random.Next(Characters.Length)] + (at < text.Length ? text[(at + 1)..] : ""),
            3 => text[..at] + (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) + text[Math.Min(at + 1, text.Length)..],
            4 => random.Next(2) == 0 ? text.ToUpperInvariant() : text.ToLowerInvariant(),
            5 => text[..at] + "%" + ((int)c).ToString(random.Next(2) == 0 ? "X2" : "x2") + text[Math.Min(at + 1, text.Length)..],
            6 => Unescape(text),
            7 => text[..at],
            8 => text.Insert(at, new string(c, random.Next(1, 80))),
            9 when page >= 0 => BaseUrls[random.Next(BaseUrls.Length)] + text[page..],
            10 when hash > 1 => text[..(hash - 1)] + (text[hash - 1] == 's' ? 'r' : 's') + text[hash..],
            11 => SwapPart(random, text),
            _ => text + "." + Seeds[random.Next(Seeds.Count)].Split('.')[^1],
        };
    }

    private static string Unescape(string text)
    {
        var at = text.IndexOf('%');
        return at >= 0 && at + 3 <= text.Length && int.TryParse(text.AsSpan(at + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var value)
            ? text[..at] + (char)value + text[(at + 3)..]
            : text;
    }

    // A fragment part of one seed put in place of a part of another: a reply's point as a request's, an id as a key.
    private static string SwapPart(Random random, string text)
    {
        var parts = text.Split('.');
        var donor = Seeds[random.Next(Seeds.Count)].Split('.');
        parts[random.Next(parts.Length)] = donor[random.Next(donor.Length)];
        return string.Join('.', parts);
    }

    private static List<string> LoadSeeds()
    {
        var requests = RequestVectorFile.Root;
        return
        [
            .. ValidSeeds.SelectMany(kind => kind),
            .. VectorFile.Root.GetProperty("links").GetProperty("invalid").EnumerateArray().Select(v => v.GetString()!),
            .. requests.GetProperty("invalid_request_links").EnumerateArray().Select(v => v.GetProperty("link").GetString()!),
            .. requests.GetProperty("invalid_reply_links").EnumerateArray().Select(v => v.GetProperty("link").GetString()!),
        ];
    }
}
