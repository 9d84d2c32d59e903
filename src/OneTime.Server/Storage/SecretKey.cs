using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OneTime.Server.Storage;

/// <summary>
/// The storage key of one secret: its id and a SHA-256 digest of the auth token, so that finding the entry and
/// checking the token are the same lookup (and, on Redis, the same GETDEL). A wrong token names another key, which
/// does not exist: nothing is returned and nothing is deleted. The token itself is never stored.
/// </summary>
/// <remarks>
/// A value of 48 bytes rather than a string: the memory store keeps it inline in its tables, so a stored secret costs
/// the garbage collector no object for its key, and Redis gets its text form written straight into the command.
/// </remarks>
public readonly struct SecretKey : IEquatable<SecretKey>
{
    public const int IdSize = 16;
    public const int AuthTokenSize = 32;

    /// <summary>The length of <see cref="FormatUtf8"/>'s output: 22 + 1 + 43 ASCII characters.</summary>
    public const int TextLength = IdTextLength + 1 + DigestTextLength;

    private const int IdTextLength = 22; // base64url of 16 bytes, unpadded
    private const int DigestTextLength = 43; // base64url of 32 bytes, unpadded

    private readonly UInt128 _id;
    private readonly UInt128 _digestLow;
    private readonly UInt128 _digestHigh;

    private SecretKey(ReadOnlySpan<byte> id, ReadOnlySpan<byte> digest)
    {
        _id = BinaryPrimitives.ReadUInt128LittleEndian(id);
        _digestLow = BinaryPrimitives.ReadUInt128LittleEndian(digest);
        _digestHigh = BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]);
    }

    public static SecretKey Create(ReadOnlySpan<byte> id, ReadOnlySpan<byte> authToken)
    {
        if (id.Length != IdSize) throw new ArgumentException($"An id is {IdSize} bytes.", nameof(id));
        if (authToken.Length != AuthTokenSize) throw new ArgumentException($"An auth token is {AuthTokenSize} bytes.", nameof(authToken));

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(authToken, digest);
        return new SecretKey(id, digest);
    }

    /// <summary>
    /// Writes <c>{id}.{sha256(token)}</c>, both base64url without padding, as UTF-8: the Redis key (after its prefix).
    /// </summary>
    public int FormatUtf8(Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[IdSize + SHA256.HashSizeInBytes];
        BinaryPrimitives.WriteUInt128LittleEndian(bytes, _id);
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[IdSize..], _digestLow);
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[(IdSize + 16)..], _digestHigh);

        Base64Url.EncodeToUtf8(bytes[..IdSize], destination);
        destination[IdTextLength] = (byte)'.';
        Base64Url.EncodeToUtf8(bytes[IdSize..], destination[(IdTextLength + 1)..]);
        return TextLength;
    }

    public bool Equals(SecretKey other) => _id == other._id && _digestLow == other._digestLow && _digestHigh == other._digestHigh;

    public override bool Equals(object? obj) => obj is SecretKey other && Equals(other);

    // Bits of the id, which the server drew at random when it stored the secret: stored keys spread evenly, and a
    // caller, who picks only the id it asks for, cannot make stored keys pile up in one place.
    public override int GetHashCode() => (int)_id;

    public static bool operator ==(SecretKey left, SecretKey right) => left.Equals(right);

    public static bool operator !=(SecretKey left, SecretKey right) => !left.Equals(right);

    // Keys identify secrets: keep them out of logs and exception messages.
    public override string ToString() => "SecretKey(redacted)";
}
