namespace OneTime.Client.Internal.Envelope;

/// Facts of envelope format 1, as written in protos/README.md. Other clients reproduce these byte for byte.
internal static class EnvelopeFormat
{
    public const byte Version = 1;

    public const int KeySize = 32;          // K, the secret in the link fragment
    public const int AuthTokenSize = 32;    // StoreRequest.auth_token
    public const int NonceSize = 12;        // AES-GCM's 96-bit IV
    public const int TagSize = 16;          // full 128-bit GCM tag, never truncated
    public const int PassphraseSaltSize = 16;
    public const int PassphraseKeySize = 32;
    public const int ConfirmationKeySize = 32; // the read confirmation's AES-256-GCM key

    // OWASP's 2023 floor for PBKDF2-HMAC-SHA256; a wrong guess must cost as much as a right one.
    public const int PassphraseIterations = 600_000;

    // version byte || nonce || ciphertext || tag
    public const int HeaderSize = 1 + NonceSize;
    public const int Overhead = HeaderSize + TagSize;

    // Distinct, versioned HKDF info labels: one key never serves two purposes, and format 2 cannot collide with 1.
    public static ReadOnlySpan<byte> EncryptionKeyInfo => "onetime/v1/encryption-key"u8;
    public static ReadOnlySpan<byte> AuthTokenInfo => "onetime/v1/auth-token"u8;
    public static ReadOnlySpan<byte> PassphraseSaltInfo => "onetime/v1/passphrase-salt"u8;
    public static ReadOnlySpan<byte> ConfirmationKeyInfo => "onetime/v1/read-confirmation-key"u8;
}
