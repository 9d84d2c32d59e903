using System.Buffers.Text;
using OneTime.Client.Internal.Links;

namespace OneTime.Client.Internal.Requests;

/// A reply link: base-url "/s#" "1r" "." id "." ephemeral-key "." key-id (protos/README.md "Reply"). It holds no
/// key: opening it needs the requester's private key, found by key-id.
internal sealed record ReplyLink(string BaseUrl, string Id, byte[] EphemeralKey, string KeyId)
{
    public string Format() =>
        string.Join(
            RequestFormat.Separator,
            BaseUrl + "/" + ParsedLink.RevealPath + "#" + RequestFormat.ReplyVersion,
            Id,
            Base64Url.EncodeToString(EphemeralKey),
            KeyId);

    public static bool TryParse(string? link, out ReplyLink? result)
    {
        result = null;
        if (!LinkParts.TrySplit(link, ParsedLink.RevealPath, out var baseUrl, out var fragment))
        {
            return false;
        }

        var parts = fragment.Split(RequestFormat.Separator);
        if (parts.Length != 4 || parts[0] != RequestFormat.ReplyVersion
            || parts[1].Length != LinkFragment.IdLength || !CanonicalBase64Url.IsAlphabet(parts[1])
            || parts[2].Length != RequestFormat.PointLength || !CanonicalBase64Url.TryDecode(parts[2], out var point)
            || parts[3].Length != RequestFormat.KeyIdLength || !CanonicalBase64Url.IsAlphabet(parts[3])
            || !P256.TryImportPublic(point, out var key))
        {
            return false;
        }

        key.Dispose();
        result = new ReplyLink(baseUrl, parts[1], point, parts[3]);
        return true;
    }
}
