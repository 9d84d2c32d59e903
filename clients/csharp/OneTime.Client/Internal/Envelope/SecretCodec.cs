using System.Security.Cryptography;
using Google.Protobuf;
using OneTime.V1;

namespace OneTime.Client.Internal.Envelope;

/// The whole client-side pipeline: Payload → protobuf → pad → AES-256-GCM under keys derived from K, and back.
internal static class SecretCodec
{
    public static SealedSecret Seal(OneTimeSecret secret, string? passphrase)
    {
        var key = RandomNumberGenerator.GetBytes(EnvelopeFormat.KeySize);
        var keys = KeyDerivation.Derive(key, passphrase);
        var blob = SecretEnvelope.Seal(PayloadConverter.ToPayload(secret).ToByteArray(), keys.EncryptionKey);
        CryptographicOperations.ZeroMemory(keys.EncryptionKey);
        return new SealedSecret(key, keys.AuthToken, blob);
    }

    public static OneTimeSecret Open(ReadOnlySpan<byte> blob, DerivedKeys keys)
    {
        var error = TryOpen(blob, keys, out var secret);
        return error == EnvelopeError.None ? secret! : throw new SecretDecryptionException(Describe(error));
    }

    /// The checks of protos/README.md in order, ending with the Payload itself: one that does not parse, holds
    /// neither text nor file, or holds text that is not UTF-8 is malformed_plaintext.
    public static EnvelopeError TryOpen(ReadOnlySpan<byte> blob, DerivedKeys keys, out OneTimeSecret? secret)
    {
        secret = null;
        var error = SecretEnvelope.TryOpen(blob, keys.EncryptionKey, out var payloadBytes);
        if (error != EnvelopeError.None)
        {
            return error;
        }

        try
        {
            secret = WellFormedText.TextFieldIsUtf8(payloadBytes) ? PayloadConverter.FromPayload(Payload.Parser.ParseFrom(payloadBytes)) : null;
        }
        catch (InvalidProtocolBufferException)
        {
            secret = null;
        }

        return secret is null ? EnvelopeError.MalformedPlaintext : EnvelopeError.None;
    }

    public static string Describe(EnvelopeError error) => error switch
    {
        EnvelopeError.UnsupportedVersion => "The secret uses an envelope format this client does not know; it is corrupted or needs a newer client.",
        EnvelopeError.Truncated => "The secret is corrupted (truncated ciphertext).",
        EnvelopeError.AuthenticationFailed => "The secret is corrupted or the key is wrong: decryption failed.",
        _ => "The secret is corrupted: its plaintext is malformed.",
    };
}
