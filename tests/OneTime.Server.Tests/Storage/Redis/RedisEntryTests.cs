using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using StackExchange.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>What the Redis store leaves in Redis: one hash per id, holding a digest and never the token.</summary>
public sealed class RedisEntryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ConnectionMultiplexer _other = null!;

    private IDatabase Redis => _other.GetDatabase();

    public async Task InitializeAsync() => _other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port}");

    public async Task DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task TryAddAsync_Entry_IsAHashUnderPrefixAndIdWithTheDigestNotTheToken()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var token = RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize);
        var key = SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), token);

        await store.TryAddAsync(key, new byte[] { 1, 2, 3 }, 4, Hour, default);

        var entry = "onetime:" + SecretKeyTests.IdText(key);
        Assert.Equal(RedisType.Hash, await Redis.KeyTypeAsync(entry));
        var fields = (await Redis.HashGetAllAsync(entry)).ToDictionary(f => f.Name.ToString(), f => (byte[])f.Value!);
        Assert.Equal(["c", "d", "v"], fields.Keys.Order());
        Assert.Equal(SHA256.HashData(token), fields["d"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, fields["c"]);
        Assert.Equal("4"u8.ToArray(), fields["v"]);
        Assert.InRange((await Redis.KeyTimeToLiveAsync(entry))!.Value, Hour - TimeSpan.FromMinutes(1), Hour);
        Assert.False(await Redis.KeyExistsAsync("onetime:" + SecretKeyTests.Text(key))); // nothing in the old format
    }

    [Fact]
    public async Task TakeViewAsync_LastViewWithReceipts_LeavesDigestViewsAndReadTimeUnderTheOriginalExpiry()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default);
        var entry = "onetime:" + SecretKeyTests.IdText(key);
        await store.GetStatusAsync(WrongTokenFor(key), default); // one wrong attempt, forgotten with the ciphertext
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await store.TakeViewAsync(key, default);

        var fields = (await Redis.HashGetAllAsync(entry)).ToDictionary(f => f.Name.ToString(), f => f.Value);
        Assert.Equal(["d", "r", "v"], fields.Keys.Order());
        Assert.Equal("0", fields["v"].ToString());
        Assert.InRange((long)fields["r"], before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
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

        Assert.Equal(2, (long)await Redis.HashGetAsync("onetime:" + SecretKeyTests.IdText(key), "w"));
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

    private static SecretKey NewKey() =>
        SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));

    private static SecretKey WrongTokenFor(SecretKey key)
    {
        var id = new byte[SecretKey.IdSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(id, key.Id);
        return SecretKey.Create(id, RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
    }
}
