using System.Buffers.Binary;
using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Storage.Redis.Topology;
using OneTime.Testing;
using StackExchange.Redis;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>
/// A confirmed receipt in Redis: the receipt's 49-byte header with the confirmation after it, under the secret's
/// original TTL; what Exists's script reads of it, a reader that lost the last view's race, and WAIT.
/// </summary>
public sealed class RedisConfirmationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ConnectionMultiplexer _other = null!;

    private IDatabase Redis => _other.GetDatabase();

    public async Task InitializeAsync() => _other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port}");

    public async Task DisposeAsync() => await _other.DisposeAsync();

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

    [Fact]
    public async Task ConfirmReadAsync_ReplicasToAcknowledgeWithoutReplica_UnavailableThenAlreadyConfirmed()
    {
        await using var plain = RedisStores.Create(redis.Server.Url);
        var options = RedisStores.Options(redis.Server.Url);
        options.ReplicasToAcknowledge = 1;
        options.ReplicaAckTimeout = TimeSpan.FromMilliseconds(100);
        await using var acknowledged = RedisStores.Create(options);
        var key = NewKey();
        await ReceiptAsync(plain, key);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => acknowledged.ConfirmReadAsync(key, new byte[] { 1 }, default).AsTask());
        var again = await acknowledged.ConfirmReadAsync(key, new byte[] { 2 }, default);

        // Not confirmed by a replica, so not promised; but kept on the primary, which a retry is told.
        Assert.Contains("Only 0 of 1 replicas", error.Message);
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, again);
        Assert.Equal(new byte[] { 1 }, (await plain.GetStatusAsync(key, default)).ReadConfirmation.ToArray());
    }

    [Fact]
    public async Task ConfirmReadAsync_ReplicasToAcknowledgeWithReplica_ConfirmedOnTheReplicaToo()
    {
        await using var replica = await RedisServer.StartNewAsync(null, "--replicaof", "127.0.0.1", redis.Server.Port.ToString());
        var options = RedisStores.Options(redis.Server.Url);
        options.ReplicasToAcknowledge = 1;
        options.ReplicaAckTimeout = TimeSpan.FromSeconds(2);
        await using var store = RedisStores.Create(options);
        var key = NewKey();
        var confirmation = RandomNumberGenerator.GetBytes(285);
        Assert.True(await TopologyStores.EventuallyAsync(() => store.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default).AsTask()));
        await store.TakeViewAsync(key, default);

        var outcome = await store.ConfirmReadAsync(key, confirmation, default);

        Assert.Equal(ConfirmOutcome.Confirmed, outcome);
        await using var onReplica = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{replica.Port}");
        var value = (byte[])(await onReplica.GetDatabase().StringGetAsync("onetime:" + SecretKeyTests.IdText(key)))!;
        Assert.Equal(confirmation, value[RedisEntry.HeaderSize..]);
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
