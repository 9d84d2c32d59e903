using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Requests;

namespace OneTime.Client.Tests.Vectors;

/// Builds protos/testdata/request-v1.json from fixed keys, notes and nonces, as VectorGenerator does for the
/// envelope; RequestVectorFileTests fails when the two disagree and rewrites the file with ONETIME_WRITE_VECTORS=1.
internal static class RequestVectorGenerator
{
    public const string BaseUrl = VectorGenerator.BaseUrl;
    public const string Id = VectorGenerator.Id;

    // Fixed scalars, well below the P-256 group order n (0xffffffff00000000...). Never use fixed keys elsewhere.
    public static readonly byte[] RequesterPrivate = VectorGenerator.Sequence(0x01, 32);
    public static readonly byte[] OtherRequesterPrivate = VectorGenerator.Sequence(0x41, 32);
    public static readonly byte[] EphemeralPrivate = VectorGenerator.Sequence(0x21, 32);
    public static readonly byte[] OtherEphemeralPrivate = VectorGenerator.Sequence(0x61, 32);
    public static readonly byte[] Nonce = VectorGenerator.Sequence(0xa0, 12);

    public const string UnicodeNote = "the staging database password — пароль 🔑";

    // 196 ASCII bytes and a 4-byte emoji: exactly the 200-byte limit.
    public static readonly string LongestNote = new string('x', 196) + "🔑";


    public static string Generate()
    {
        var document = new JsonObject
        {
            ["description"] = "OneTime requests and replies, format 1 (protos/README.md \"Requests and replies (format 1)\"). "
                + "Private keys are 32-byte big-endian P-256 scalars in hex; public keys are uncompressed SEC 1 points "
                + "(65 bytes) in base64url without padding. Hex is lower-case. Every client's tests load this file.",
            ["generator"] = "tests/OneTime.Client.Tests/Vectors/RequestVectorGenerator.cs; regenerate with "
                + "ONETIME_WRITE_VECTORS=1 dotnet test tests/OneTime.Client.Tests --filter VectorFile",
            ["requests"] = new JsonArray
            {
                Request("note-non-ascii", RequesterPrivate, UnicodeNote, BaseUrl),
                Request("no-note", RequesterPrivate, null, BaseUrl),
                Request("note-200-bytes", OtherRequesterPrivate, LongestNote, "https://example.org/tools/onetime"),
            },
            ["replies"] = new JsonArray
            {
                Reply("text", RequesterPrivate, EphemeralPrivate, OneTimeSecret.FromText("hunter2"), BaseUrl),
                Reply("text-unicode", OtherRequesterPrivate, OtherEphemeralPrivate, OneTimeSecret.FromText("pässwörd 🔑 密码"), "https://example.org/tools/onetime"),
                Reply("file", RequesterPrivate, OtherEphemeralPrivate,
                    OneTimeSecret.FromFile(VectorGenerator.Sequence(0x00, 300), "id_ed25519", "application/x-ssh-key"), BaseUrl),
            },
            ["invalid_request_links"] = InvalidRequestLinks(),
            ["invalid_reply_links"] = InvalidReplyLinks(),
        };
        return VectorGenerator.Format(document);
    }

    public static byte[] PublicPoint(byte[] privateScalar)
    {
        using var key = P256.FromPrivateScalar(privateScalar);
        return P256.PublicPoint(key);
    }

    private static JsonObject Request(string name, byte[] requesterPrivate, string? note, string baseUrl)
    {
        var link = new RequestLink(baseUrl, PublicPoint(requesterPrivate), note);
        return new JsonObject
        {
            ["name"] = name,
            ["input"] = new JsonObject
            {
                ["requester_private_hex"] = Convert.ToHexStringLower(requesterPrivate),
                ["note"] = note,
                ["base_url"] = baseUrl,
            },
            ["expected"] = new JsonObject
            {
                ["requester_public_base64url"] = Base64Url.EncodeToString(link.RequesterKey),
                ["fingerprint"] = link.Fingerprint,
                ["key_id"] = link.KeyId,
                ["request_link"] = link.Format(),
            },
        };
    }

    private static JsonObject Reply(string name, byte[] requesterPrivate, byte[] ephemeralPrivate, OneTimeSecret secret, string baseUrl)
    {
        var requesterKey = PublicPoint(requesterPrivate);
        using var ephemeral = P256.FromPrivateScalar(ephemeralPrivate);
        var agreed = ReplyAgreement.ForSender(ephemeral, requesterKey);
        var keys = KeyDerivation.Derive(agreed.Key, passphrase: null);
        var blob = SecretEnvelope.Seal(PayloadConverter.ToPayload(secret).ToByteArray(), keys.EncryptionKey, Nonce);
        var keyId = RequestDerivation.KeyId(requesterKey);
        return new JsonObject
        {
            ["name"] = name,
            ["input"] = new JsonObject
            {
                ["requester_private_hex"] = Convert.ToHexStringLower(requesterPrivate),
                ["ephemeral_private_hex"] = Convert.ToHexStringLower(ephemeralPrivate),
                ["nonce_hex"] = Convert.ToHexStringLower(Nonce),
                ["payload"] = VectorGenerator.PayloadJson(secret),
                ["id"] = Id,
                ["base_url"] = baseUrl,
            },
            ["expected"] = new JsonObject
            {
                ["requester_public_base64url"] = Base64Url.EncodeToString(requesterKey),
                ["ephemeral_public_base64url"] = Base64Url.EncodeToString(agreed.EphemeralKey),
                ["shared_secret_hex"] = Convert.ToHexStringLower(agreed.SharedSecret),
                ["key_hex"] = Convert.ToHexStringLower(agreed.Key),
                ["encryption_key_hex"] = Convert.ToHexStringLower(keys.EncryptionKey),
                ["auth_token_hex"] = Convert.ToHexStringLower(keys.AuthToken),
                ["blob_hex"] = Convert.ToHexStringLower(blob),
                ["key_id"] = keyId,
                ["reply_link"] = new ReplyLink(baseUrl, Id, agreed.EphemeralKey, keyId).Format(),
            },
        };
    }

    private static JsonArray InvalidRequestLinks()
    {
        var r = PublicPoint(RequesterPrivate);
        var key = Base64Url.EncodeToString(r);
        var note = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("db password")); // 11 bytes: 15 characters, 2 spare bits
        var e = Base64Url.EncodeToString(PublicPoint(EphemeralPrivate));
        var keyId = RequestDerivation.KeyId(r);
        var secretKey = Base64Url.EncodeToString(VectorGenerator.Sequence(0x00, 32));
        var request = $"{BaseUrl}/r#1.{key}";
        return
        [
            Invalid($"{request}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new string('x', 201)))}", "a note of 201 bytes"),
            Invalid($"{BaseUrl}/r#1.{Base64Url.EncodeToString(OffCurve(r))}", "R is not a point on P-256 (its last byte changed)"),
            Invalid($"{BaseUrl}/r#1.{SpareBitsSet(key)}", "R in a non-canonical base64url (the 2 spare bits set)"),
            Invalid($"{request}.{SpareBitsSet(note)}", "the note in a non-canonical base64url (the spare bits set)"),
            Invalid($"{request}.{note}=", "the note with base64 padding"),
            Invalid($"{BaseUrl}/r#2.{key}", "another version"),
            Invalid($"{BaseUrl}/r#1r.{key}", "the reply version in a request link"),
            Invalid($"{request}.{note}.{note}", "extra parts"),
            Invalid($"{request}.", "an empty note part (an empty note is written as no part)"),
            Invalid($"{request}.{Base64Url.EncodeToString([0xff, 0xfe])}", "a note that is not UTF-8"),
            Invalid($"{request}.{Base64Url.EncodeToString([0xed, 0xa0, 0x80])}", "a note holding an encoded surrogate (not UTF-8)"),
            Invalid($"{BaseUrl}/r#1.{key[..^1]}", "R cut short (86 characters)"),
            Invalid($"{BaseUrl}/r#1.{Base64Url.EncodeToString([0x02, .. r[1..]])}", "R of 65 bytes with a compressed-point prefix"),
            Invalid($"{BaseUrl}/r#1.{Base64Url.EncodeToString(r[..33])}", "R compressed (33 bytes)"),
            Invalid($"{BaseUrl}/s#1.{key}", "the reveal page instead of the request page"),
            Invalid($"{BaseUrl}/r?x=1#1.{key}", "a query"),
            Invalid($"HTTPS://onetime.example/r#1.{key}", "a base URL that is not canonical"),
            Invalid($"{request}\n", "trailing whitespace"),
            Invalid($"{BaseUrl}/s#1.{Id}.{secretKey}", "an ordinary secret link"),
            Invalid($"{BaseUrl}/s#1r.{Id}.{e}.{keyId}", "a reply link"),
        ];
    }

    private static JsonArray InvalidReplyLinks()
    {
        var r = PublicPoint(RequesterPrivate);
        var keyId = RequestDerivation.KeyId(r);
        var e = Base64Url.EncodeToString(PublicPoint(EphemeralPrivate));
        var secretKey = Base64Url.EncodeToString(VectorGenerator.Sequence(0x00, 32));
        var reveal = $"{BaseUrl}/s#";
        return
        [
            Invalid($"{reveal}1r.{Id}.{Base64Url.EncodeToString(OffCurve(PublicPoint(EphemeralPrivate)))}.{keyId}", "E is not a point on P-256"),
            Invalid($"{reveal}1r.{Id}.{SpareBitsSet(e)}.{keyId}", "E in a non-canonical base64url (the 2 spare bits set)"),
            Invalid($"{reveal}2r.{Id}.{e}.{keyId}", "another version"),
            Invalid($"{reveal}1.{Id}.{e}.{keyId}", "the secret-link version with reply parts"),
            Invalid($"{reveal}1r.{Id}.{e}.{keyId}.x", "extra parts"),
            Invalid($"{reveal}1r.{Id}.{e}", "no key id"),
            Invalid($"{reveal}1r.{Id}.{e}.{keyId[..^1]}", "a key id of 11 characters"),
            Invalid($"{reveal}1r.{Id}.{e}.{keyId}A", "a key id of 13 characters"),
            Invalid($"{reveal}1r.{Id[..^1]}.{e}.{keyId}", "an id of 21 characters"),
            Invalid($"{reveal}1r.{Id}.{e}.{keyId[..^1]}=", "a key id with padding"),
            Invalid($"{BaseUrl}/r#1r.{Id}.{e}.{keyId}", "the request page instead of the reveal page"),
            Invalid($"https://onetime.example:443/s#1r.{Id}.{e}.{keyId}", "a base URL that is not canonical"),
            Invalid($"{reveal}1.{Id}.{secretKey}", "an ordinary secret link"),
            Invalid($"{reveal}1p.{Id}.{secretKey}", "an ordinary secret link with a passphrase"),
            Invalid($"{BaseUrl}/r#1.{Base64Url.EncodeToString(r)}", "a request link"),
        ];
    }

    private static JsonObject Invalid(string link, string why) => new() { ["link"] = link, ["why"] = why };

    // y + 1 is not on the curve for the same x (only y and p - y are).
    private static byte[] OffCurve(byte[] point)
    {
        var copy = (byte[])point.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }

    /// The same bytes with the unused low bits of the last character set: decoders that ignore them accept it.
    private static string SpareBitsSet(string canonical)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(canonical[^1], StringComparison.Ordinal);
        return canonical[..^1] + alphabet[last | 1];
    }
}
