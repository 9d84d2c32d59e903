using System.Security.Cryptography;
using Google.Protobuf;
using OneTime.Client;
using OneTime.Client.Internal.Envelope;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The envelope decoder (SecretCodec.TryOpen, protos/README.md "Envelope") under one fixed key, in three modes chosen by
/// the first byte: any blob fails with a documented <see cref="EnvelopeError"/> and never another exception; any
/// plaintext sealed under the key (so padding and the Payload parser are reached) opens or is malformed_plaintext, and
/// what opens seals and opens again to the same secret; a valid blob with edits applied never opens.
/// </summary>
internal sealed class EnvelopeTarget : FuzzTarget
{
    private const byte OpenMode = 0;
    private const byte SealedPlaintextMode = 1;
    private const byte TamperMode = 2;

    // The first positive vector's K (protos/testdata/envelope-v1.json "text"), without a passphrase.
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly byte[] Nonce = Convert.FromHexString("a0a1a2a3a4a5a6a7a8a9aaab");
    private static readonly DerivedKeys Keys = KeyDerivation.Derive(Key, passphrase: null);
    private static readonly byte[] ValidBlob = SecretEnvelope.Seal(PayloadConverter.ToPayload(OneTimeSecret.FromText("hunter2")).ToByteArray(), Keys.EncryptionKey, Nonce);

    public override string Name => "envelope";

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var body = input[1..];
        switch (input[0] % 3)
        {
            case OpenMode:
                var error = SecretCodec.TryOpen(body, Keys, out var secret);
                Check(Enum.IsDefined(error), "a blob fails with a documented error");
                Check((error == EnvelopeError.None) == (secret is not null), "a secret comes back exactly when there is no error");
                break;
            case SealedPlaintextMode:
                OpenSealed(body);
                break;
            case TamperMode:
                var tampered = Tamper(body);
                var outcome = SecretCodec.TryOpen(tampered, Keys, out _);
                Check(tampered.AsSpan().SequenceEqual(ValidBlob) ? outcome == EnvelopeError.None
                    : outcome is EnvelopeError.Truncated or EnvelopeError.UnsupportedVersion or EnvelopeError.AuthenticationFailed,
                    "a tampered blob fails as truncated, unsupported_version or authentication_failed");
                break;
        }
    }

    // AES-256-GCM over the input as the padded plaintext, exactly as SecretEnvelope lays a blob out.
    private static void OpenSealed(ReadOnlySpan<byte> padded)
    {
        var blob = new byte[EnvelopeFormat.Overhead + padded.Length];
        blob[0] = EnvelopeFormat.Version;
        Nonce.CopyTo(blob.AsSpan(1));
        using (var aes = new AesGcm(Keys.EncryptionKey, EnvelopeFormat.TagSize))
        {
            aes.Encrypt(Nonce, padded, blob.AsSpan(EnvelopeFormat.HeaderSize, padded.Length), blob.AsSpan(EnvelopeFormat.HeaderSize + padded.Length), blob.AsSpan(0, 1));
        }

        var error = SecretCodec.TryOpen(blob, Keys, out var secret);
        Check(error is EnvelopeError.None or EnvelopeError.MalformedPlaintext
            || (error == EnvelopeError.Truncated && padded.Length < Padding.LengthPrefixSize),
            "an authentic blob opens or is malformed_plaintext");
        if (secret is null)
        {
            return;
        }

        var again = SecretCodec.Open(SecretEnvelope.Seal(PayloadConverter.ToPayload(secret).ToByteArray(), Keys.EncryptionKey, Nonce), Keys);
        Check(again.Text == secret.Text && again.FileName == secret.FileName && again.MediaType == secret.MediaType
            && again.Content.Span.SequenceEqual(secret.Content.Span), "an opened secret seals and opens to the same secret");
    }

    // Edits as four-byte commands: (0, i, i, x) xors byte i (big-endian, modulo the length) with x, (1, n, n, _) cuts the
    // blob to n bytes, (2, x, _, _) appends x.
    private static byte[] Tamper(ReadOnlySpan<byte> edits)
    {
        var blob = new List<byte>(ValidBlob);
        for (var i = 0; i + 3 < edits.Length; i += 4)
        {
            var number = edits[i + 1] << 8 | edits[i + 2];
            switch (edits[i] % 3)
            {
                case 0 when blob.Count > 0:
                    blob[number % blob.Count] ^= edits[i + 3];
                    break;
                case 1 when number < blob.Count:
                    blob.RemoveRange(number, blob.Count - number);
                    break;
                case 2:
                    blob.Add(edits[i + 1]);
                    break;
            }
        }

        return [.. blob];
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors)
    {
        foreach (var blob in Vectors.Strings(vectors.Envelope, "blob_hex").Concat(Vectors.Strings(vectors.Request, "blob_hex")))
        {
            yield return [OpenMode, .. Convert.FromHexString(blob)];
        }

        foreach (var payload in Vectors.Strings(vectors.Envelope, "payload_hex"))
        {
            yield return [SealedPlaintextMode, .. Padding.Pad(Convert.FromHexString(payload))];
        }

        yield return [TamperMode, 0, 0, 200, 1];     // a flipped ciphertext bit
        yield return [TamperMode, 0, 0, 0, 2];       // another version byte
        yield return [TamperMode, 0, 1, 28, 128];    // a flipped tag bit (the last byte)
        yield return [TamperMode, 1, 0, 100, 0];     // cut short
        yield return [TamperMode, 2, 0, 0, 0];       // a byte appended
    }
}
