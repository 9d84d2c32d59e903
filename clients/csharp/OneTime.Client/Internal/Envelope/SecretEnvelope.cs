using System.Security.Cryptography;

namespace OneTime.Client.Internal.Envelope;

/// blob = version || nonce || AES-256-GCM(padded payload) || tag, with the version byte as associated data
/// so that a blob cannot be relabelled as another format version.
internal static class SecretEnvelope
{
    public static byte[] Seal(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> encryptionKey)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(payload, encryptionKey, nonce);
    }

    /// Fixed-nonce form for the test vectors only; a nonce must never repeat under one key.
    public static byte[] Seal(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> nonce)
    {
        var padded = Padding.Pad(payload);
        var blob = new byte[EnvelopeFormat.Overhead + padded.Length];
        blob[0] = EnvelopeFormat.Version;
        nonce.CopyTo(blob.AsSpan(1, EnvelopeFormat.NonceSize));
        using var aes = new AesGcm(encryptionKey, EnvelopeFormat.TagSize);
        aes.Encrypt(
            nonce,
            padded,
            blob.AsSpan(EnvelopeFormat.HeaderSize, padded.Length),
            blob.AsSpan(EnvelopeFormat.HeaderSize + padded.Length),
            blob.AsSpan(0, 1));
        CryptographicOperations.ZeroMemory(padded);
        return blob;
    }

    public static EnvelopeError TryOpen(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> encryptionKey, out byte[] payload)
    {
        payload = [];
        if (blob.Length < 1)
        {
            return EnvelopeError.Truncated;
        }

        // The version is checked before the length so a future format with another layout reports as such.
        if (blob[0] != EnvelopeFormat.Version)
        {
            return EnvelopeError.UnsupportedVersion;
        }

        if (blob.Length < EnvelopeFormat.Overhead + Padding.LengthPrefixSize)
        {
            return EnvelopeError.Truncated;
        }

        var cipherLength = blob.Length - EnvelopeFormat.Overhead;
        var padded = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(encryptionKey, EnvelopeFormat.TagSize);
            aes.Decrypt(
                blob.Slice(1, EnvelopeFormat.NonceSize),
                blob.Slice(EnvelopeFormat.HeaderSize, cipherLength),
                blob[(EnvelopeFormat.HeaderSize + cipherLength)..],
                padded,
                blob[..1]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return EnvelopeError.AuthenticationFailed;
        }

        if (!Padding.TryUnpad(padded, out var inner))
        {
            CryptographicOperations.ZeroMemory(padded);
            return EnvelopeError.MalformedPlaintext;
        }

        payload = inner.ToArray();
        CryptographicOperations.ZeroMemory(padded);
        return EnvelopeError.None;
    }
}
