using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One secret's entry in Redis: a string under <c>{prefix}{id}</c> holding a 49-byte header, then the ciphertext.
/// The header is the format (1), the token's SHA-256 digest (32 raw bytes), the views left and the wrong tokens so far
/// (each an unsigned 32-bit big-endian integer) and the last read (ms since the epoch, 64-bit big-endian; 0 before the
/// first). A receipt is the header alone, with no views left; a confirmed receipt is that header followed by the
/// reader's confirmation (1 to <see cref="ReadConfirmation.MaxBytes"/> bytes, written once by <see cref="ConfirmRead"/>).
/// One string, so that storing is a plain <c>SET NX PX</c> and the last view can be taken by one plain command; a hash
/// would also leave Redis's compact encoding for a hash table per secret once the ciphertext is over 64 bytes.
/// <code>
/// offset  0   1 byte    format, 1
///         1  32 bytes   SHA-256 of the auth token
///        33   4 bytes   views left, uint32 big-endian (0: a receipt)
///        37   4 bytes   wrong tokens so far, uint32 big-endian
///        41   8 bytes   last read, ms since the epoch, int64 big-endian (0: never read)
///        49   rest      with views left: the ciphertext; on a receipt: the confirmation, or nothing
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// What needs a decision inside Redis (a wrong token to count, a view to count down) is a Lua script. The scripts
/// touch only <c>KEYS[1]</c>, so each runs atomically on the one node that owns the key (Redis Cluster included, no
/// hash tag needed), and concurrent callers are served one after another
/// (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/#script-properties). They change the
/// header in place with <c>SETRANGE</c> or replace the value with <c>SET … KEEPTTL</c>, so the entry's expiry stays the
/// one it was stored with.
/// </para>
/// <para>
/// Their answers: <c>nil</c> when there is no entry (the caller then tries the key format of earlier versions); 0 for
/// a miss (wrong token, or a receipt where a secret was wanted); 1 when this wrong token reached the limit and burned
/// the entry. The token is compared inside the script: only a caller with the right digest gets more than those.
/// </para>
/// </remarks>
internal static class RedisEntry
{
    public const byte Format = 1;
    public const int DigestOffset = 1;
    public const int DigestSize = 32; // SHA-256
    public const int ViewsOffset = DigestOffset + DigestSize; // 33
    public const int ReadAtOffset = ViewsOffset + 8; // 41: after the views and the wrong attempts
    public const int HeaderSize = ReadAtOffset + 8; // 49

    /// <summary>
    /// The last byte an Exists reads: the header and, on a receipt, the longest confirmation, in the same command. A
    /// secret with views left sends up to <see cref="ReadConfirmation.MaxBytes"/> bytes of its ciphertext along,
    /// which Exists ignores: cheaper than a second round trip for every receipt.
    /// </summary>
    public const int StatusEnd = HeaderSize + ReadConfirmation.MaxBytes - 1; // 560

    /// <summary>A new entry: the header with <paramref name="views"/> left, no wrong attempts, never read; then the ciphertext.</summary>
    public static byte[] Create(SecretKey key, int views, ReadOnlySpan<byte> ciphertext)
    {
        var entry = new byte[HeaderSize + ciphertext.Length];
        entry[0] = Format;
        key.WriteDigest(entry.AsSpan(DigestOffset, DigestSize));
        BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(ViewsOffset), (uint)views);
        ciphertext.CopyTo(entry.AsSpan(HeaderSize));
        return entry;
    }

    /// <summary>The last byte of the format, digest, views and wrong attempts: what a read needs to look at.</summary>
    public const int CountsEnd = ReadAtOffset - 1;

    /// <summary>A receipt: the header of a secret read for the last time, with nothing after it.</summary>
    public static byte[] CreateReceipt(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> readAt)
    {
        var receipt = new byte[HeaderSize];
        receipt[0] = Format;
        digest.CopyTo(receipt.AsSpan(DigestOffset, DigestSize));
        readAt.CopyTo(receipt.AsSpan(ReadAtOffset));
        return receipt;
    }

    /// <summary>Whether an entry (or its first bytes) is of this format and holds this digest; constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> entry, ReadOnlySpan<byte> digest) =>
        entry.Length > CountsEnd && entry[0] == Format
        && CryptographicOperations.FixedTimeEquals(entry.Slice(DigestOffset, DigestSize), digest);

    /// <summary>
    /// The views left in a header (<see cref="Status"/>'s answer). The scripts read the count as unsigned; one past
    /// <see cref="int.MaxValue"/>, which this store never writes, reads as <see cref="int.MaxValue"/>, never negative.
    /// </summary>
    public static int ViewsLeft(ReadOnlySpan<byte> header) =>
        (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header[ViewsOffset..]), int.MaxValue);

    /// <summary>
    /// A receipt's confirmation, as the entry (or its first <see cref="StatusEnd"/> + 1 bytes) holds it: what follows
    /// the header when no views are left. Empty on a receipt without one, and on a secret with views (whose bytes
    /// after the header are ciphertext).
    /// </summary>
    public static ReadOnlyMemory<byte> Confirmation(ReadOnlyMemory<byte> entry) =>
        entry.Length > HeaderSize && ViewsLeft(entry.Span) == 0 ? entry[HeaderSize..] : default;

    /// <summary>
    /// The last read in a header, or null before the first. A header cut short (an entry shorter than this format's,
    /// which <see cref="Matches"/> lets through) or holding a time no <see cref="DateTimeOffset"/> can hold, neither of
    /// which this store writes, reads as null rather than failing the call.
    /// </summary>
    public static DateTimeOffset? ReadAt(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderSize)
        {
            return null;
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(header[ReadAtOffset..]);
        return milliseconds is 0 or < MinUnixMilliseconds or > MaxUnixMilliseconds
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private const long MinUnixMilliseconds = -62_135_596_800_000; // 0001-01-01, DateTimeOffset.MinValue
    private const long MaxUnixMilliseconds = 253_402_300_799_999; // 9999-12-31T23:59:59.999, DateTimeOffset.MaxValue

    /// <summary>A read time as the scripts take it (ARGV), in the header's encoding.</summary>
    public static byte[] EncodeReadAt(DateTimeOffset time)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, time.ToUnixTimeMilliseconds());
        return bytes;
    }

    // Reads the header's views and wrong attempts (Lua's string positions count from 1: the views are bytes 34–37).
    // Numbers given to redis.call are written as strings: Lua would format a number with sprintf on every call.
    private const string ReadCounts = "local views, wrong = struct.unpack('>I4I4', h, 34)";

    // A wrong token: a receipt has nothing left to guard and counts nothing; a secret counts the attempt, and the one
    // that reaches the limit (ARGV[2]) deletes it.
    private const string WrongToken = """
        if string.sub(h, 2, 33) ~= ARGV[1] then
          if views == 0 then return 0 end
          wrong = wrong + 1
          if wrong < tonumber(ARGV[2]) then
            redis.call('SETRANGE', KEYS[1], '37', struct.pack('>I4', wrong))
            return 0
          end
          redis.call('DEL', KEYS[1])
          return 1
        end
        """;

    /// <summary>
    /// ARGV: digest, wrong-attempt limit, now (<see cref="EncodeReadAt"/>), '1' to keep a receipt. A hit answers the
    /// entry as it was before this view (the caller takes the ciphertext and counts the view off). The last view deletes
    /// the entry, or leaves the receipt in its place: the header with no views left and the read time.
    /// </summary>
    public const string TakeView = """
        local h = redis.call('GET', KEYS[1])
        if not h then return false end
        """ + "\n" + ReadCounts + "\n" + WrongToken + "\n" + """
        if views == 0 then return 0 end
        if views > 1 then
          redis.call('SETRANGE', KEYS[1], '33', struct.pack('>I4', views - 1) .. string.sub(h, 38, 41) .. ARGV[3])
        elseif ARGV[4] == '1' then
          redis.call('SET', KEYS[1], string.sub(h, 1, 33) .. '\0\0\0\0\0\0\0\0' .. ARGV[3], 'KEEPTTL')
        else
          redis.call('DEL', KEYS[1])
        end
        return h
        """;

    /// <summary>ARGV: digest, wrong-attempt limit. A hit answers {header and confirmation (<see cref="StatusEnd"/>), PTTL}.</summary>
    public const string Status = """
        local h = redis.call('GETRANGE', KEYS[1], '0', '560')
        if h == '' then return false end
        """ + "\n" + ReadCounts + "\n" + WrongToken + "\n" + """
        return {h, redis.call('PTTL', KEYS[1])}
        """;

    /// <summary>ARGV: digest, wrong-attempt limit. 2 when the secret was deleted; a receipt is a miss and stays.</summary>
    public const string Burn = """
        local h = redis.call('GETRANGE', KEYS[1], '0', '40')
        if h == '' then return false end
        """ + "\n" + ReadCounts + "\n" + WrongToken + "\n" + """
        if views == 0 then return 0 end
        redis.call('DEL', KEYS[1])
        return 2
        """;

    /// <summary>
    /// ARGV: digest, wrong-attempt limit, confirmation. Reads the header and one byte more, which tells whether a
    /// confirmation follows. Only a receipt without one takes it, written after the header by <c>SETRANGE</c>, which
    /// keeps the key's TTL: the receipt still ends at the secret's original expiry.
    /// </summary>
    public const string ConfirmRead = """
        local h = redis.call('GETRANGE', KEYS[1], '0', '49')
        if h == '' then return false end
        """ + "\n" + ReadCounts + "\n" + WrongToken + "\n" + """
        if views > 0 then return 3 end
        if #h > 49 then return 4 end
        redis.call('SETRANGE', KEYS[1], '49', ARGV[3])
        return 5
        """;

    public const long Missed = 0;
    public const long BurnedByWrongTokens = 1;
    public const long Burned = 2;
    public const long StillHasViews = 3;
    public const long AlreadyConfirmed = 4;
    public const long Confirmed = 5;
}
