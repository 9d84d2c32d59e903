using System.Buffers.Text;
using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Internal.Links;

/// The fragment of a link, the only place the key lives: version [flags] "." id "." key (protos/README.md).
internal sealed record LinkFragment(string Id, byte[] Key, bool PassphraseRequired)
{
    public const string Version = "1";
    public const char PassphraseFlag = 'p';
    public const char Separator = '.';
    public const int IdLength = 22;     // 16 bytes, base64url without padding (secrets.proto StoreResponse.id)
    public const int KeyLength = 43;    // 32 bytes, base64url without padding

    public string Format() =>
        string.Concat(Version, PassphraseRequired ? PassphraseFlag.ToString() : "", Separator.ToString(), Id, Separator.ToString(), Base64Url.EncodeToString(Key));

    public static bool TryParse(ReadOnlySpan<char> fragment, out LinkFragment? result)
    {
        result = null;
        Span<Range> parts = stackalloc Range[4];
        if (fragment.Split(parts, Separator) != 3)
        {
            return false;
        }

        var head = fragment[parts[0]];
        var id = fragment[parts[1]];
        var key = fragment[parts[2]];
        bool passphraseRequired;
        if (head.SequenceEqual(Version))
        {
            passphraseRequired = false;
        }
        else if (head.Length == Version.Length + 1 && head.StartsWith(Version) && head[^1] == PassphraseFlag)
        {
            passphraseRequired = true;
        }
        else
        {
            return false;
        }

        // 43 characters carry 258 bits; only the canonical spelling (low 2 bits zero) is accepted, so one key has one link.
        if (id.Length != IdLength || !CanonicalBase64Url.IsAlphabet(id) || key.Length != KeyLength
            || !CanonicalBase64Url.TryDecode(key, out var keyBytes))
        {
            return false;
        }

        result = new LinkFragment(id.ToString(), keyBytes, passphraseRequired);
        return true;
    }
}
