using System.Buffers;
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

    /// <summary>
    /// Decodes an id sent by a client. Only the canonical spelling parses: the decoder rejects spare bits that are set
    /// in the last character, so one id has one text. Never throws on client input.
    /// </summary>
    public static bool TryParse(string text, Span<byte> id) =>
        text.Length == EncodedLength
        && Base64Url.DecodeFromChars(text, id, out _, out var written) == OperationStatus.Done
        && written == SecretKey.IdSize;
}
