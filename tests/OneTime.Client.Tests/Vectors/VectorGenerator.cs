using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Links;

namespace OneTime.Client.Tests.Vectors;

/// Builds protos/testdata/envelope-v1.json from fixed inputs. The checked-in file is the contract other clients
/// test against; VectorFileTests fails when this generator and the file disagree, and rewrites the file when run
/// with ONETIME_WRITE_VECTORS=1.
internal static class VectorGenerator
{
    public const string BaseUrl = "https://onetime.example";
    public const string Id = "AAECAwQFBgcICQoLDA0ODw"; // bytes 0x00..0x0f, base64url

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // Readable base64 ("+", "/") and text; the *_hex fields are authoritative for exact bytes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// Every vector file as written: indented by two, readable text, a final newline.
    public static string Format(JsonObject document) => document.ToJsonString(JsonOptions) + "\n";

    public static byte[] Sequence(byte start, int length) => Enumerable.Range(0, length).Select(i => (byte)(start + i)).ToArray();

    public static string Generate()
    {
        var key = Sequence(0x00, 32);
        var otherKey = Sequence(0x40, 32);
        var nonce = Sequence(0xa0, 12);
        var positive = new JsonArray
        {
            Positive("text", key, nonce, null, OneTimeSecret.FromText("hunter2")),
            Positive("text-40-chars-same-bucket", key, nonce, null, OneTimeSecret.FromText("Xk9#mP2$vL7@qR4!wN8&zT3*bY6^hJ1%cF5(dG0)")),
            Positive("text-empty", key, nonce, null, OneTimeSecret.FromText("")),
            Positive("text-unicode", otherKey, nonce, null, OneTimeSecret.FromText("pässwörd 🔑 密码")),
            Positive("text-passphrase", key, nonce, "correct horse battery staple", OneTimeSecret.FromText("sk_live_abc123")),
            Positive("text-passphrase-nfc", otherKey, nonce, "\u00c5ngstr\u00f6m", OneTimeSecret.FromText("sk_live_abc123")),
            // The same passphrase typed decomposed (NFD): after NFC it must derive the same token as the vector above.
            Positive("text-passphrase-nfd", otherKey, nonce, "A\u030angstro\u0308m", OneTimeSecret.FromText("sk_live_abc123")),
            Positive("file", key, nonce, null, OneTimeSecret.FromFile(Sequence(0x00, 300), "id_ed25519", "application/x-ssh-key")),
            Positive("file-no-name-octet-stream", otherKey, nonce, null, OneTimeSecret.FromFile(Sequence(0x80, 70_000))),
        };

        var document = new JsonObject
        {
            ["description"] = "OneTime envelope format 1 (protos/README.md). Hex is lower-case; base64 is standard with padding; "
                + "base64url is without padding. Every client's tests load this file.",
            ["generator"] = "tests/OneTime.Client.Tests/Vectors/VectorGenerator.cs; regenerate with "
                + "ONETIME_WRITE_VECTORS=1 dotnet test tests/OneTime.Client.Tests --filter VectorFile",
            ["pbkdf2_iterations"] = EnvelopeFormat.PassphraseIterations,
            ["positive"] = positive,
            ["negative"] = Negative(key, otherKey, nonce),
            ["links"] = Links(key),
            ["rejected_inputs"] = RejectedInputs(),
            ["file_names"] = FileNames(),
        };
        return Format(document);
    }

    private static JsonObject Positive(string name, byte[] key, byte[] nonce, string? passphrase, OneTimeSecret secret)
    {
        var payload = PayloadConverter.ToPayload(secret).ToByteArray();
        var keys = KeyDerivation.Derive(key, passphrase);
        var blob = SecretEnvelope.Seal(payload, keys.EncryptionKey, nonce);
        var fragment = new LinkFragment(Id, key, passphrase is not null);
        var input = new JsonObject
        {
            ["key_hex"] = Convert.ToHexStringLower(key),
            ["key_base64url"] = Base64Url(key),
            ["nonce_hex"] = Convert.ToHexStringLower(nonce),
            ["passphrase"] = passphrase,
            ["passphrase_utf8_hex"] = passphrase is null ? null : Convert.ToHexStringLower(Encoding.UTF8.GetBytes(passphrase)),
            ["payload"] = PayloadJson(secret),
            ["id"] = Id,
            ["base_url"] = BaseUrl,
        };
        var expected = new JsonObject
        {
            ["payload_hex"] = payload.Length <= 4096 ? Convert.ToHexStringLower(payload) : null,
            ["payload_sha256_hex"] = Convert.ToHexStringLower(SHA256.HashData(payload)),
            ["padded_length"] = Padding.BucketSize(payload.Length),
            ["passphrase_key_hex"] = passphrase is null ? null : Convert.ToHexStringLower(KeyDerivation.DerivePassphraseKey(key, passphrase)),
            ["encryption_key_hex"] = Convert.ToHexStringLower(keys.EncryptionKey),
            ["auth_token_hex"] = Convert.ToHexStringLower(keys.AuthToken),
            ["blob_length"] = blob.Length,
            ["blob_hex"] = blob.Length <= 4096 ? Convert.ToHexStringLower(blob) : null,
            ["blob_sha256_hex"] = Convert.ToHexStringLower(SHA256.HashData(blob)),
            ["blob_base64"] = blob.Length <= 4096 ? Convert.ToBase64String(blob) : null,
            ["fragment"] = fragment.Format(),
            ["link"] = ParsedLink.Build(new Uri(BaseUrl), fragment).OriginalString,
        };
        return new JsonObject { ["name"] = name, ["input"] = input, ["expected"] = expected };
    }

    internal static JsonObject PayloadJson(OneTimeSecret secret) => secret.Text is { } text
        ? new JsonObject { ["text"] = text }
        : new JsonObject
        {
            ["file"] = new JsonObject
            {
                ["name"] = secret.FileName ?? "",
                ["media_type"] = secret.MediaType == OneTimeSecret.DefaultMediaType ? "" : secret.MediaType,
                ["data_hex"] = secret.Content.Length <= 4096 ? Convert.ToHexStringLower(secret.Content.Span) : null,
                ["data_pattern"] = secret.Content.Length <= 4096 ? null : "byte i = (0x80 + i) mod 256",
                ["data_length"] = secret.Content.Length,
            },
        };

    private static JsonArray Negative(byte[] key, byte[] otherKey, byte[] nonce)
    {
        const string passphrase = "correct horse battery staple";
        var payload = PayloadConverter.ToPayload(OneTimeSecret.FromText("hunter2")).ToByteArray();
        var keys = KeyDerivation.Derive(key, null);
        var blob = SecretEnvelope.Seal(payload, keys.EncryptionKey, nonce);
        var withPassphrase = SecretEnvelope.Seal(payload, KeyDerivation.Derive(key, passphrase).EncryptionKey, nonce);

        // A well-encrypted blob whose plaintext breaks the padding rule (length prefix beyond the bucket).
        var badPadding = new byte[256];
        BinaryPrimitives.WriteUInt32BigEndian(badPadding, 300);
        var malformed = new byte[EnvelopeFormat.Overhead + badPadding.Length];
        malformed[0] = EnvelopeFormat.Version;
        nonce.CopyTo(malformed, 1);
        using (var aes = new AesGcm(keys.EncryptionKey, EnvelopeFormat.TagSize))
        {
            aes.Encrypt(nonce, badPadding, malformed.AsSpan(13, 256), malformed.AsSpan(13 + 256), malformed.AsSpan(0, 1));
        }

        return
        [
            Case("tampered-ciphertext", key, null, Flip(blob, 20), "authentication_failed"),
            Case("tampered-tag", key, null, Flip(blob, blob.Length - 1), "authentication_failed"),
            Case("tampered-nonce", key, null, Flip(blob, 1), "authentication_failed"),
            Case("wrong-version", key, null, With(blob, 0, 0x02), "unsupported_version"),
            Case("version-zero", key, null, With(blob, 0, 0x00), "unsupported_version"),
            Case("wrong-key", otherKey, null, blob, "authentication_failed"),
            Case("wrong-passphrase", key, "correct horse battery stapler", withPassphrase, "authentication_failed"),
            Case("missing-passphrase", key, null, withPassphrase, "authentication_failed"),
            Case("truncated-header", key, null, blob[..20], "truncated"),
            Case("truncated-last-byte", key, null, blob[..^1], "authentication_failed"),
            Case("empty", key, null, [], "truncated"),
            Case("malformed-padding", key, null, malformed, "malformed_plaintext"),
            // M empty: a Payload with neither text nor file.
            Case("empty-payload", key, null, SecretEnvelope.Seal([], keys.EncryptionKey, nonce), "malformed_plaintext"),
            // M = text field holding the byte 0xff: protobuf strings are UTF-8, and repairing it would change the secret.
            Case("text-not-utf8", key, null, SecretEnvelope.Seal([0x0a, 0x01, 0xff], keys.EncryptionKey, nonce), "malformed_plaintext"),
        ];
    }

    private static JsonObject Case(string name, byte[] key, string? passphrase, byte[] blob, string error) => new()
    {
        ["name"] = name,
        ["key_hex"] = Convert.ToHexStringLower(key),
        ["passphrase"] = passphrase,
        ["auth_token_hex"] = Convert.ToHexStringLower(KeyDerivation.Derive(key, passphrase).AuthToken),
        ["blob_hex"] = Convert.ToHexStringLower(blob),
        ["error"] = error,
    };

    private static JsonObject Links(byte[] key)
    {
        var k = Base64Url(key);
        var nonCanonical = k[..^1] + "B"; // same 32 bytes, but the 2 spare bits set
        return new JsonObject
        {
            ["valid"] = new JsonArray
            {
                LinkCase($"{BaseUrl}/s#1.{Id}.{k}", BaseUrl, false),
                LinkCase($"{BaseUrl}/s#1p.{Id}.{k}", BaseUrl, true),
                LinkCase($"http://localhost:5080/s#1.{Id}.{k}", "http://localhost:5080", false),
                LinkCase($"https://example.org/tools/onetime/s#1.{Id}.{k}", "https://example.org/tools/onetime", false),
                LinkCase($"https://onetime.example:8443/s#1.{Id}.{k}", "https://onetime.example:8443", false),
                LinkCase($"http://[::1]:5080/s#1.{Id}.{k}", "http://[::1]:5080", false),
                LinkCase($"http://127.0.0.1:5080/s#1.{Id}.{k}", "http://127.0.0.1:5080", false),
                // IPv4-mapped and -compatible IPv6 hosts in hex, as the URL standard writes them (System.Uri and
                // IPAddress write them dotted; found by tests/fuzz, base-url).
                LinkCase($"http://[::ffff:102:304]:5080/s#1.{Id}.{k}", "http://[::ffff:102:304]:5080", false),
                LinkCase($"http://[::80:401]/s#1.{Id}.{k}", "http://[::80:401]", false),
                LinkCase($"https://example.org/one%20time/s#1.{Id}.{k}", "https://example.org/one%20time", false),
                LinkCase($"https://xn--bcher-kva.example/s#1.{Id}.{k}", "https://xn--bcher-kva.example", false),
                // "0xg" is no hex number, so the host is a name, not an IPv4 address (found by LinkDifferentialTests).
                LinkCase($"http://onetime.0xg/s#1.{Id}.{k}", "http://onetime.0xg", false),
                // IDN labels (protos/README.md "Link", rules 1 to 5): right-to-left as a whole; ß and ς as themselves.
                LinkCase($"https://xn--ngbc.example/s#1.{Id}.{k}", "https://xn--ngbc.example", false),
                LinkCase($"https://xn--zca.xn--3xa/s#1.{Id}.{k}", "https://xn--zca.xn--3xa", false),
                // "ĕ-bhe": its Punycode begins with "-", the first of its basic part (the differential, after a fix).
                LinkCase($"https://xn---bhe-kva.example/s#1.{Id}.{k}", "https://xn---bhe-kva.example", false),
            },
            ["invalid"] = new JsonArray
            {
                $"{BaseUrl}/s",
                $"{BaseUrl}/s#",
                $"{BaseUrl}/#1.{Id}.{k}",
                $"{BaseUrl}/x#1.{Id}.{k}",
                $"{BaseUrl}/s?x=1#1.{Id}.{k}",
                $"{BaseUrl}/s#2.{Id}.{k}",
                $"{BaseUrl}/s#1q.{Id}.{k}",
                $"{BaseUrl}/s#1.{Id[..^1]}.{k}",
                $"{BaseUrl}/s#1.{Id}.{k[..^1]}",
                $"{BaseUrl}/s#1.{Id}.{nonCanonical}",
                $"{BaseUrl}/s#1.{Id}.{k}.extra",
                $"{BaseUrl}/s#1.{Id}.{k[..^1]}=",
                $"ftp://onetime.example/s#1.{Id}.{k}",
                $"1.{Id}.{k}",
                // One spelling per link: what System.Uri or a browser would quietly repair is rejected.
                $"HTTPS://onetime.example/s#1.{Id}.{k}",
                $"https://ONETIME.example/s#1.{Id}.{k}",
                $"https://onetime.example:443/s#1.{Id}.{k}",
                $"http://onetime.example:80/s#1.{Id}.{k}",
                $"https://onetime.example:08443/s#1.{Id}.{k}",
                $"https://onetime.example:/s#1.{Id}.{k}",
                $"https://onetime.example//s#1.{Id}.{k}",
                $"https://onetime.example/./s#1.{Id}.{k}",
                $"https://onetime.example/a/../s#1.{Id}.{k}",
                $"https://onetime.example/%73#1.{Id}.{k}",
                $"https://example.org/%74ools/s#1.{Id}.{k}",
                $"https://example.org/one%2etime/s#1.{Id}.{k}",
                $"https://example.org/one%2ftime/s#1.{Id}.{k}",
                $"https://example.org/one time/s#1.{Id}.{k}",
                $"https://onetime.example\\s#1.{Id}.{k}",
                $"https://onetime.example/s#%31.{Id}.{k}",
                $"https://onetime.example/s#1.{Id}.{k[..^2]}%38",
                $" https://onetime.example/s#1.{Id}.{k}",
                $"https://onetime.example/s#1.{Id}.{k}\n",
                $"https://bücher.example/s#1.{Id}.{k}",
                $"http://127.1/s#1.{Id}.{k}",
                $"http://0x7f.0.0.1/s#1.{Id}.{k}",
                $"http://[0:0::1]/s#1.{Id}.{k}",
                $"http://[::FFFF]/s#1.{Id}.{k}",
                $"http://[::ffff:1.2.3.4]/s#1.{Id}.{k}",
                $"https://user@onetime.example/s#1.{Id}.{k}",
                $"https://onetime.example/s/#1.{Id}.{k}",
                // Names DNS cannot carry (RFC 1035 §2.3.4): a 64-character label, and 254 characters in all.
                $"https://{new string('a', 64)}.example/s#1.{Id}.{k}",
                $"https://{string.Join('.', Enumerable.Repeat(new string('a', 49), 5))}.abcd/s#1.{Id}.{k}",
                // xn-- labels ICU and the URL standard judged differently (LinkDifferentialTests), and their kin:
                // "-ücher", "bcêher" led by "-", "bcher----®------", "ü-", "ab--ü", "xn--ü" (the hyphens RFC 5891
                // forbids); "abc" (no IDN); "xn---tda" for "xn--tda"; "bࣀ…" and "bب", "بb" (directions mixed);
                // "ب١۱" (both kinds of Arabic digits); "\u0301a" (a mark first); U+0080 and "ü⒈" (UTS #46 disallows).
                $"https://xn---cher-kva.example/s#1.{Id}.{k}",
                $"https://xn---bcher-kva.example/s#1.{Id}.{k}",
                $"https://xn--bcher-----------kva.example/s#1.{Id}.{k}",
                $"https://xn----dha.example/s#1.{Id}.{k}",
                $"https://xn--ab---3ra.example/s#1.{Id}.{k}",
                $"https://xn--xn---3ra.example/s#1.{Id}.{k}",
                $"https://xn--abc-.example/s#1.{Id}.{k}",
                $"https://xn---tda.example/s#1.{Id}.{k}",
                $"https://xn--bcher-kkkkkkkkkkkkkkkkva.example/s#1.{Id}.{k}",
                $"https://xn--b-1mc.example/s#1.{Id}.{k}",
                $"https://xn--b-0mc.example/s#1.{Id}.{k}",
                $"https://xn--ngb8iyr.example/s#1.{Id}.{k}",
                $"https://xn--a-wbb.example/s#1.{Id}.{k}",
                $"https://xn--a.example/s#1.{Id}.{k}",
                $"https://xn--tda413p.example/s#1.{Id}.{k}",
            },
        };
    }

    // Text no client may send or derive from: UTF-8 cannot carry an unpaired surrogate, and encoders would put
    // U+FFFD in its place. Given as UTF-16 code units, since JSON readers refuse such strings too.
    private static JsonArray RejectedInputs() =>
    [
        Rejected("passphrase-lone-high-surrogate", "passphrase", "pass\ud83d"),
        Rejected("passphrase-lone-low-surrogate", "passphrase", "\ude00pass"),
        Rejected("text-lone-surrogate", "text", "a\ud800b"),
        Rejected("file-name-lone-surrogate", "file_name", "report\udc00.pdf"),
    ];

    private static JsonObject Rejected(string name, string field, string value) => new()
    {
        ["name"] = name,
        ["field"] = field,
        ["utf16_hex"] = string.Concat(value.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))),
    };

    // What a sender puts in FileContent.name for the name or path it was given: the part after the last "/" or
    // "\", whatever the platform. Readers keep what they receive and never use it as a path.
    private static JsonArray FileNames() =>
    [
        FileName("id_ed25519", "id_ed25519"),
        FileName("/home/me/.ssh/id_ed25519", "id_ed25519"),
        FileName("C:\\Users\\me\\report.pdf", "report.pdf"),
        FileName("dir\\..\\report.pdf", "report.pdf"),
        FileName("notes/", ""),
        FileName("résumé 2024.txt", "résumé 2024.txt"),
    ];

    private static JsonObject FileName(string given, string sent) => new() { ["given"] = given, ["sent"] = sent };

    private static JsonObject LinkCase(string link, string baseUrl, bool passphraseRequired) => new()
    {
        ["link"] = link,
        ["base_url"] = baseUrl,
        ["id"] = Id,
        ["key_hex"] = Convert.ToHexStringLower(Sequence(0x00, 32)),
        ["passphrase_required"] = passphraseRequired,
    };

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] Flip(byte[] blob, int index) => With(blob, index, (byte)(blob[index] ^ 0x01));

    private static byte[] With(byte[] blob, int index, byte value)
    {
        var copy = (byte[])blob.Clone();
        copy[index] = value;
        return copy;
    }
}
