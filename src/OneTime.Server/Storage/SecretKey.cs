using System.Buffers.Text;
using System.Security.Cryptography;

namespace OneTime.Server.Storage;

/// <summary>
/// The storage key of one secret: its id and a SHA-256 digest of the auth token, so that finding the entry and
/// checking the token are the same lookup (and, on Redis, the same GETDEL). A wrong token names another key, which
/// does not exist: nothing is returned and nothing is deleted. The token itself is never stored.
/// </summary>
public readonly record struct SecretKey
{
    public const int IdSize = 16;
    public const int AuthTokenSize = 32;

    private SecretKey(string value) => Value = value;

    /// <summary><c>{id}.{sha256(token)}</c>, both base64url without padding (22 + 1 + 43 ASCII characters).</summary>
    public string Value { get; }

    public static SecretKey Create(ReadOnlySpan<byte> id, ReadOnlySpan<byte> authToken)
    {
        if (id.Length != IdSize) throw new ArgumentException($"An id is {IdSize} bytes.", nameof(id));
        if (authToken.Length != AuthTokenSize) throw new ArgumentException($"An auth token is {AuthTokenSize} bytes.", nameof(authToken));

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(authToken, digest);
        return new SecretKey($"{Base64Url.EncodeToString(id)}.{Base64Url.EncodeToString(digest)}");
    }

    // Keys identify secrets: keep them out of logs and exception messages.
    public override string ToString() => "SecretKey(redacted)";
}
