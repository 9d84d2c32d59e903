using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The Redis entry header (RedisEntry) as RedisSecretStore reads it back: the first bytes a read looks at, the header
/// Exists reads, and the whole entry the view script answers. Whatever the value holds (an entry of another format, a
/// value some other program wrote under the prefix), reading it never throws and never makes up a negative view count.
/// </summary>
internal sealed class RedisEntryTarget : FuzzTarget
{
    private static readonly byte[] Id = new byte[SecretKey.IdSize];
    private static readonly byte[] Token = Enumerable.Range(0, SecretKey.AuthTokenSize).Select(i => (byte)i).ToArray();
    private static readonly byte[] Digest = SHA256.HashData(Token);

    public override string Name => "redis-entry";

    public override void Run(ReadOnlySpan<byte> input)
    {
        // TakeViewAsync: GETRANGE 0..CountsEnd, then the views if the digest matches.
        var look = input[..Math.Min(input.Length, RedisEntry.CountsEnd + 1)];
        if (RedisEntry.Matches(look, Digest))
        {
            Check(RedisEntry.ViewsLeft(look) >= 0, "a header's views left are not negative");
        }

        // GetStatusAsync: GETRANGE 0..HeaderSize-1, then the views and the last read.
        var header = input[..Math.Min(input.Length, RedisEntry.HeaderSize)];
        if (!header.IsEmpty && RedisEntry.Matches(header, Digest))
        {
            Check(RedisEntry.ViewsLeft(header) >= 0, "a header's views left are not negative");
            _ = RedisEntry.ReadAt(header);
        }
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors)
    {
        var key = SecretKey.Create(Id, Token);
        var ciphertext = new byte[285];
        yield return RedisEntry.Create(key, 1, ciphertext);
        yield return RedisEntry.Create(key, 100, ciphertext);
        yield return RedisEntry.CreateReceipt(Digest, RedisEntry.EncodeReadAt(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
