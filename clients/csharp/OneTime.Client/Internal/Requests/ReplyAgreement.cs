using System.Security.Cryptography;

namespace OneTime.Client.Internal.Requests;

/// The two ends of a reply's key agreement (protos/README.md "Reply"): the sender with a fresh ephemeral key and
/// R, the requester with d and E. Both reach the same K, which no one else can compute.
internal static class ReplyAgreement
{
    public static ReplyKeys ForSender(ReadOnlySpan<byte> requesterKey)
    {
        using var ephemeral = P256.Generate();
        return ForSender(ephemeral, requesterKey);
    }

    /// With a given ephemeral key: the test vectors' fixed e. A real reply uses a fresh one every time.
    public static ReplyKeys ForSender(ECDiffieHellman ephemeral, ReadOnlySpan<byte> requesterKey)
    {
        if (!P256.TryImportPublic(requesterKey, out var requester))
        {
            throw new ArgumentException("The requester's key is not a P-256 point.", nameof(requesterKey));
        }

        using (requester)
        {
            var e = P256.PublicPoint(ephemeral);
            var z = P256.Agree(ephemeral, requester);
            return new ReplyKeys(e, z, RequestDerivation.ReplyKey(z, e, requesterKey));
        }
    }

    public static ReplyKeys ForRequester(ECDiffieHellman requester, ReadOnlySpan<byte> ephemeralKey)
    {
        if (!P256.TryImportPublic(ephemeralKey, out var ephemeral))
        {
            throw new ArgumentException("The ephemeral key is not a P-256 point.", nameof(ephemeralKey));
        }

        using (ephemeral)
        {
            var z = P256.Agree(requester, ephemeral);
            return new ReplyKeys(ephemeralKey.ToArray(), z, RequestDerivation.ReplyKey(z, ephemeralKey, P256.PublicPoint(requester)));
        }
    }
}
