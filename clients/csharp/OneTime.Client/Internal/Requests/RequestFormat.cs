namespace OneTime.Client.Internal.Requests;

/// Facts of the request and reply formats 1, as written in protos/README.md "Requests and replies (format 1)".
/// Other clients reproduce these byte for byte (protos/testdata/request-v1.json).
internal static class RequestFormat
{
    public const string Version = "1";
    public const string ReplyVersion = "1r";
    public const char Separator = '.';

    /// The request page the web UI serves (base-url "/r#..."); replies use the ordinary reveal page "/s".
    public const string RequestPath = "r";

    public const int PointLength = 87;      // R and E: 65 bytes, base64url without padding
    public const int KeyIdSize = 9;         // the first 9 bytes of a SHA-256: 72 bits
    public const int KeyIdLength = 12;      // 9 bytes, base64url (no spare bits, so always canonical)
    public const int MaxNoteBytes = 200;    // UTF-8 bytes
    public const int ReplyKeySize = 32;     // K, as in envelope format 1

    public const int FingerprintGroups = 5;
    public const uint FingerprintGroupModulus = 10_000; // 4 decimal digits a group, about 13.3 bits

    /// A key is kept as long as the longest TTL a reply can have, then deleted when the store is next touched.
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(30);

    // Distinct, versioned labels (HKDF info and hash prefixes), apart from the envelope's own.
    public static ReadOnlySpan<byte> FingerprintLabel => "onetime/v1/request-fingerprint"u8;
    public static ReadOnlySpan<byte> KeyIdLabel => "onetime/v1/request-key-id"u8;
    public static ReadOnlySpan<byte> ReplyKeyInfo => "onetime/v1/reply-key"u8;
}
