using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OneTime.Server.Storage;

/// <summary>
/// What names one secret: its id, which finds the entry, and a SHA-256 digest of the auth token, which the entry keeps
/// and compares (in constant time) before it answers. The token itself is never stored. Secrets stored before entries
/// were kept by id live under <see cref="FormatUtf8"/>'s <c>{id}.{digest}</c> Redis key until they expire.
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

    public const int IdTextLength = 22; // base64url of 16 bytes, unpadded
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

    /// <summary>The id's 16 bytes: what entries are found by.</summary>
    internal UInt128 Id => _id;

    public static SecretKey Create(ReadOnlySpan<byte> id, ReadOnlySpan<byte> authToken)
    {
        if (id.Length != IdSize) throw new ArgumentException($"An id is {IdSize} bytes.", nameof(id));
        if (authToken.Length != AuthTokenSize) throw new ArgumentException($"An auth token is {AuthTokenSize} bytes.", nameof(authToken));

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(authToken, digest);
        return new SecretKey(id, digest);
    }

    /// <summary>Writes the id as base64url without padding, as UTF-8 (22 bytes): the Redis key of its entry (after the prefix).</summary>
    public int FormatIdUtf8(Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[IdSize];
        BinaryPrimitives.WriteUInt128LittleEndian(bytes, _id);
        Base64Url.EncodeToUtf8(bytes, destination);
        return IdTextLength;
    }

    /// <summary>Writes the token's 32-byte SHA-256 digest, as entries keep it.</summary>
    public void WriteDigest(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(destination, _digestLow);
        BinaryPrimitives.WriteUInt128LittleEndian(destination[16..], _digestHigh);
    }

    /// <summary>
    /// Whether both name the same token. In constant time: how long a wrong guess takes must not tell how much of the
    /// digest it got right.
    /// </summary>
    public bool HasDigestOf(in SecretKey other)
    {
        Span<byte> mine = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> theirs = stackalloc byte[SHA256.HashSizeInBytes];
        WriteDigest(mine);
        other.WriteDigest(theirs);
        return CryptographicOperations.FixedTimeEquals(mine, theirs);
    }

    /// <summary>
    /// Writes <c>{id}.{sha256(token)}</c>, both base64url without padding, as UTF-8: the Redis key (after its prefix) of a secret stored by an earlier version, one string per secret, kept
    /// readable until it expires.
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
