using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace OneTime.Client.Internal.Requests;

/// The values both sides derive from public material and the shared secret (protos/README.md "Request", "Reply").
internal static class RequestDerivation
{
    /// Five groups of 4 decimal digits from SHA-256(label || R || note): about 2^66 values, compared aloud.
    public static string Fingerprint(ReadOnlySpan<byte> requesterKey, ReadOnlySpan<byte> note)
    {
        var h = SHA256.HashData([.. RequestFormat.FingerprintLabel, .. requesterKey, .. note]);
        var groups = new string[RequestFormat.FingerprintGroups];
        for (var i = 0; i < groups.Length; i++)
        {
            var group = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(4 * i, 4)) % RequestFormat.FingerprintGroupModulus;
            groups[i] = group.ToString("D4", CultureInfo.InvariantCulture);
        }

        return string.Join(' ', groups);
    }

    /// Names the private key among the requester's pending requests; public (it is in every reply link).
    public static string KeyId(ReadOnlySpan<byte> requesterKey)
    {
        var h = SHA256.HashData([.. RequestFormat.KeyIdLabel, .. requesterKey]);
        return Base64Url.EncodeToString(h.AsSpan(0, RequestFormat.KeyIdSize));
    }

    /// K = HKDF-SHA256(ikm = Z, salt = empty, info = label || E || R): both public keys are bound in, so a K is
    /// good for one ephemeral key and one request only.
    public static byte[] ReplyKey(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> ephemeralKey, ReadOnlySpan<byte> requesterKey) =>
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            sharedSecret.ToArray(),
            RequestFormat.ReplyKeySize,
            [],
            [.. RequestFormat.ReplyKeyInfo, .. ephemeralKey, .. requesterKey]);
}
