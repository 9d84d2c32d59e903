using System.Security.Cryptography;
using System.Text;

namespace OneTime.Client.Internal.Envelope;

/// HKDF-SHA256 (RFC 5869) from K, with the PBKDF2 passphrase key as the HKDF salt when there is a passphrase.
internal static class KeyDerivation
{
    // With InvariantGlobalization (no ICU), string.Normalize returns its input unchanged, and a decomposed
    // passphrase would silently derive another key.
    private static readonly bool CanNormalize = "A\u030a".Normalize(NormalizationForm.FormC) == "\u00c5";

    public static DerivedKeys Derive(ReadOnlySpan<byte> key, string? passphrase)
    {
        if (key.Length != EnvelopeFormat.KeySize)
        {
            throw new ArgumentException($"The key must be {EnvelopeFormat.KeySize} bytes.", nameof(key));
        }

        // An empty salt is HashLen zero bytes (RFC 5869 section 2.2), the same in every HKDF implementation.
        var salt = passphrase is null ? [] : DerivePassphraseKey(key, passphrase);
        var encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, salt, EnvelopeFormat.EncryptionKeyInfo.ToArray());
        var authToken = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), EnvelopeFormat.AuthTokenSize, salt, EnvelopeFormat.AuthTokenInfo.ToArray());
        var confirmationKey = HKDF.DeriveKey(
            HashAlgorithmName.SHA256, key.ToArray(), EnvelopeFormat.ConfirmationKeySize, salt, EnvelopeFormat.ConfirmationKeyInfo.ToArray());
        return new DerivedKeys(encryptionKey, authToken, confirmationKey);
    }

    /// PBKDF2 needs a per-secret salt but there is nowhere to store one: K is fresh for every secret, so a salt
    /// derived from it is unique without lengthening the link.
    public static byte[] DerivePassphraseKey(ReadOnlySpan<byte> key, string passphrase)
    {
        if (passphrase.Length == 0)
        {
            throw new ArgumentException("A passphrase cannot be empty.", nameof(passphrase));
        }

        WellFormedText.Require(passphrase, "passphrase", nameof(passphrase));
        if (!CanNormalize && !Ascii.IsValid(passphrase))
        {
            throw new PlatformNotSupportedException(
                "Non-ASCII passphrases need Unicode normalization, which this process lacks (InvariantGlobalization without ICU).");
        }

        // NFC first: "Å" typed on two keyboards can be one code point or two, and both must open the secret.
        var password = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        var passphraseSalt = HKDF.DeriveKey(
            HashAlgorithmName.SHA256, key.ToArray(), EnvelopeFormat.PassphraseSaltSize, [], EnvelopeFormat.PassphraseSaltInfo.ToArray());
        return Rfc2898DeriveBytes.Pbkdf2(
            password, passphraseSalt, EnvelopeFormat.PassphraseIterations, HashAlgorithmName.SHA256, EnvelopeFormat.PassphraseKeySize);
    }
}
