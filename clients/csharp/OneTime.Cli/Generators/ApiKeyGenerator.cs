using System.Buffers.Text;
using System.Security.Cryptography;

namespace OneTime.Cli.Generators;

/// API keys: N bytes straight from the CSPRNG (8 bits each, nothing to reject), written as base64url without padding
/// or as lower-case hex.
internal static class ApiKeyGenerator
{
    public const int DefaultBytes = 32; // 256 bits
    public const int MinimumBytes = 16;
    public const int MaximumBytes = 1024;

    public static Generated Generate(int bytes, bool hex, Action<Span<byte>>? fill = null)
    {
        if (bytes is < MinimumBytes or > MaximumBytes)
        {
            throw new UsageException($"--bytes must be between {MinimumBytes} and {MaximumBytes}.");
        }

        var key = new byte[bytes];
        (fill ?? RandomNumberGenerator.Fill)(key);
        var text = hex ? Convert.ToHexStringLower(key) : Base64Url.EncodeToString(key);
        CryptographicOperations.ZeroMemory(key);
        return new Generated(text, bytes * 8, "API key", $"{bytes} random bytes, {(hex ? "hex" : "base64url")}");
    }
}
