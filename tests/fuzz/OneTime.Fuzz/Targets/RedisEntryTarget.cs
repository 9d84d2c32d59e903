using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The Redis entry header (RedisEntry) as RedisSecretStore reads it back: the first bytes a read looks at, the header
/// and confirmation Exists reads, and the whole entry the view script answers. Whatever the value holds (an entry of
/// another format, a value some other program wrote under the prefix), reading it never throws, never makes up a
/// negative view count, and never passes ciphertext off as a confirmation.
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

        // GetStatusAsync: GETRANGE 0..StatusEnd, then the views, the last read and a receipt's confirmation.
        var header = input[..Math.Min(input.Length, RedisEntry.StatusEnd + 1)];
        if (!header.IsEmpty && RedisEntry.Matches(header, Digest))
        {
            var views = RedisEntry.ViewsLeft(header);
            Check(views >= 0, "a header's views left are not negative");
            _ = RedisEntry.ReadAt(header);
            var confirmation = RedisEntry.Confirmation(header.ToArray());
            Check(views == 0 ? confirmation.Span.SequenceEqual(header[Math.Min(header.Length, RedisEntry.HeaderSize)..]) : confirmation.IsEmpty,
                "a receipt's confirmation is all that follows its header, and a secret with views has none");
        }
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors)
    {
        var key = SecretKey.Create(Id, Token);
        var ciphertext = new byte[285];
        yield return RedisEntry.Create(key, 1, ciphertext);
        yield return RedisEntry.Create(key, 100, ciphertext);
        var receipt = RedisEntry.CreateReceipt(Digest, RedisEntry.EncodeReadAt(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        yield return receipt;
        yield return [.. receipt, .. new byte[285]]; // confirmed: a confirmation of format 1 after the header
    }
}
