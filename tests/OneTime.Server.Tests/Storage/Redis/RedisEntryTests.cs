using System.Buffers.Binary;
using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using StackExchange.Redis;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>
/// What the Redis store leaves in Redis: one string per id, a header holding a digest (never the token), then the
/// ciphertext; a receipt is the header alone, and a confirmed receipt the header then the confirmation.
/// </summary>
public sealed class RedisEntryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ConnectionMultiplexer _other = null!;

    private IDatabase Redis => _other.GetDatabase();

    public async Task InitializeAsync() => _other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port}");

    public async Task DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task TryAddAsync_Entry_IsAStringUnderPrefixAndIdWithTheDigestNotTheToken()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var token = RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize);
        var key = SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), token);

        await store.TryAddAsync(key, new byte[] { 1, 2, 3 }, 4, Hour, default);

        var entry = "onetime:" + SecretKeyTests.IdText(key);
        Assert.Equal(RedisType.String, await Redis.KeyTypeAsync(entry));
        byte[] expected =
        [
            1, // format
            .. SHA256.HashData(token),
            0, 0, 0, 4, // views left
            0, 0, 0, 0, // wrong attempts
            0, 0, 0, 0, 0, 0, 0, 0, // never read
            1, 2, 3, // the ciphertext
        ];
        Assert.Equal(expected, (byte[])(await Redis.StringGetAsync(entry))!);
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
        Assert.False(await Redis.KeyExistsAsync("onetime:" + SecretKeyTests.Text(key))); // nothing in the old format
    }

    [Fact]
    public async Task TakeViewAsync_NotLastView_CountsDownAndRecordsTheReadInPlace()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[] { 7, 8 }, 3, Hour, default);
        var entry = "onetime:" + SecretKeyTests.IdText(key);
        await store.GetStatusAsync(WrongTokenFor(key), default); // one wrong attempt, kept while views are left
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await store.TakeViewAsync(key, default);

        var value = (byte[])(await Redis.StringGetAsync(entry))!;
        Assert.Equal(49 + 2, value.Length);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(33)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(37)));
        Assert.InRange(BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(41)), before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        Assert.Equal(new byte[] { 7, 8 }, value[49..]);
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
    }

    [Fact]
    public async Task TakeViewAsync_LastViewWithReceipts_LeavesDigestAndReadTimeUnderTheOriginalExpiry()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var token = RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize);
        var key = SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), token);
        await store.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default);
        var entry = "onetime:" + SecretKeyTests.IdText(key);
        await store.GetStatusAsync(WrongTokenFor(key), default); // one wrong attempt, forgotten with the ciphertext
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await store.TakeViewAsync(key, default);

        var value = (byte[])(await Redis.StringGetAsync(entry))!;
        Assert.Equal(49, value.Length); // the header alone: no ciphertext
        Assert.Equal(1, value[0]);
        Assert.Equal(SHA256.HashData(token), value[1..33]);
        Assert.Equal(new byte[8], value[33..41]); // no views left, no wrong attempts
        Assert.InRange(BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(41)), before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
    }

    [Fact]
    public async Task GetStatusAsync_WrongToken_CountsInTheEntry()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default);

        await store.GetStatusAsync(WrongTokenFor(key), default);
        await store.TakeViewAsync(WrongTokenFor(key), default);
        await store.BurnAsync(WrongTokenFor(key), default);

        var value = (byte[])(await Redis.StringGetAsync("onetime:" + SecretKeyTests.IdText(key)))!;
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(37)));
        Assert.Equal(new byte[] { 1 }, value[49..]);
    }

    [Fact]
    public async Task TakeViewAsync_AnotherTypeUnderTheEntrysKey_FailsNamingTheCommandNotTheKey()
    {
        // What an entry of another format (or a foreign key under the prefix) looks like to this store.
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        var entry = "onetime:" + SecretKeyTests.IdText(key);
        await Redis.HashSetAsync(entry, "c", "x");

        var failure = await Assert.ThrowsAsync<RedisReplyException>(() => store.TakeViewAsync(key, default).AsTask());

        Assert.StartsWith("Redis answered GETRANGE with an error: WRONGTYPE", failure.Message);
        Assert.DoesNotContain(SecretKeyTests.IdText(key), failure.ToString());
        Assert.Equal(RedisType.Hash, await Redis.KeyTypeAsync(entry)); // left as it was
    }

    [Fact]
    public async Task TakeViewAsync_ScriptCacheFlushed_StillWorks()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[] { 5 }, 2, Hour, default);
        await store.TakeViewAsync(key, default);

        // A restarted Redis, or a failover to a node that never saw the scripts, answers EVALSHA with NOSCRIPT.
        await RedisCli.RunAsync(redis.Server.Port, "script", "flush");

        Assert.Equal(new byte[] { 5 }, (await store.TakeViewAsync(key, default)).Ciphertext);
    }

    [Fact]
    public async Task ConfirmReadAsync_Receipt_TheConfirmationFollowsTheHeaderAndTheTtlStays()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var token = RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize);
        var key = SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), token);
        var entry = await ReceiptAsync(store, key);
        var receipt = (byte[])(await Redis.StringGetAsync(entry))!;
        var confirmation = RandomNumberGenerator.GetBytes(285);

        await store.ConfirmReadAsync(key, confirmation, default);

        var value = (byte[])(await Redis.StringGetAsync(entry))!;
        byte[] expected =
        [
            1, // format
            .. SHA256.HashData(token),
            0, 0, 0, 0, // no views left
            0, 0, 0, 0, // no wrong attempts
            .. receipt[41..49], // the last read, unchanged
            .. confirmation,
        ];
        Assert.Equal(expected, value);
        Assert.NotEqual(0, BinaryPrimitives.ReadInt64BigEndian(value.AsSpan(41)));
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
    }

    [Fact]
    public async Task StatusScript_ConfirmedReceipt_AnswersTheHeaderAndTheWholeConfirmation()
    {
        // The script behind Exists when the plain-command look was overtaken by a change to the entry.
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        var entry = await ReceiptAsync(store, key);
        var confirmation = RandomNumberGenerator.GetBytes(ReadConfirmation.MaxBytes);
        await store.ConfirmReadAsync(key, confirmation, default);

        var reply = await Redis.ScriptEvaluateAsync(RedisEntry.Status, [entry], [Digest(key), SecretRules.Default.MaxWrongAttempts]);

        var found = (byte[])reply[0]!;
        Assert.Equal(RedisEntry.StatusEnd + 1, found.Length);
        Assert.Equal(confirmation, RedisEntry.Confirmation(found).ToArray());
    }

    [Fact]
    public async Task TakeOnlyViewAsync_ReaderThatLostTheRace_PutsTheConfirmedReceiptBack()
    {
        // A reader that saw one view left, and swaps only after the winner's client confirmed the receipt it left.
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        var entry = await ReceiptAsync(store, key);
        await store.ConfirmReadAsync(key, RandomNumberGenerator.GetBytes(285), default);
        var confirmed = (byte[])(await Redis.StringGetAsync(entry))!;

        var late = await store.TakeOnlyViewAsync(store.Key(key), Digest(key), RedisEntry.EncodeReadAt(DateTimeOffset.UtcNow.AddMinutes(5)));

        Assert.Equal(TakeResult.NotFound, late);
        Assert.Equal(confirmed, (byte[])(await Redis.StringGetAsync(entry))!); // the first read's time and confirmation
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
    }

    // A one-view secret read once: the receipt left under its entry's key.
    private static async Task<string> ReceiptAsync(RedisSecretStore store, SecretKey key)
    {
        await store.TryAddAsync(key, RandomNumberGenerator.GetBytes(285), 1, Hour, default);
        Assert.NotNull((await store.TakeViewAsync(key, default)).Ciphertext);
        return "onetime:" + SecretKeyTests.IdText(key);
    }

    private static byte[] Digest(SecretKey key)
    {
        var digest = new byte[RedisEntry.DigestSize];
        key.WriteDigest(digest);
        return digest;
    }
}
