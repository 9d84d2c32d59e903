using System.Buffers.Text;
using System.Security.Cryptography;
using OneTime.Server.Storage;

namespace OneTime.Server.Secrets;

/// <summary>Secret ids: 16 bytes from a CSPRNG, written as 22 characters of base64url without padding.</summary>
internal static class SecretId
{
    public const int EncodedLength = 22;

    public static string Create(Span<byte> id)
    {
        RandomNumberGenerator.Fill(id);
        return Base64Url.EncodeToString(id);
    }

    public static bool TryParse(string text, Span<byte> id) =>
        text.Length == EncodedLength
        && Base64Url.TryDecodeFromChars(text, id, out var written)
        && written == SecretKey.IdSize
        // 22 characters carry 132 bits: the last one's 4 spare bits must be zero, so that one id has one spelling.
        && CanonicalLastCharacters.Contains(text[^1]);

    private const string CanonicalLastCharacters = "AQgw";
}
