using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Storage;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;
using StackExchange.Redis;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>
/// An upgrade loses nothing: secrets stored by the earlier key format (a string under <c>{prefix}{id}.{digest}</c>,
/// written by <c>SET key value PX ttl NX</c>) stay readable, once, until they expire; Exists sees them and Burn
/// deletes them. Each test writes such a key behind the store's back into a real redis-server.
/// </summary>
public sealed class RedisOldFormatTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ConnectionMultiplexer _other = null!;

    public async Task InitializeAsync() => _other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port}");

    public async Task DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task TakeViewAsync_OldFormatKey_ReadOnceThenGone()
    {
        await using var store = RedisStores.Create(redis.Server.Url, keyPrefix: "legacy:");
        var key = NewKey();
        await WriteOldFormatAsync("legacy:", key, [7, 8], Hour);

        var first = await store.TakeViewAsync(key, default);
        var second = await store.TakeViewAsync(key, default);

        Assert.Equal(new byte[] { 7, 8 }, first.Ciphertext);
        Assert.Equal(0, first.ViewsLeft);
        Assert.Equal(TakeResult.NotFound, second);
        Assert.False(await _other.GetDatabase().KeyExistsAsync("legacy:" + SecretKeyTests.Text(key)));
    }

    [Fact]
    public async Task TakeViewAsync_OldFormatKeyWrongToken_TakesNothing()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await WriteOldFormatAsync("onetime:", key, [7], Hour);

        var wrong = await store.TakeViewAsync(SecretKey.Create(IdOf(key), RandomNumberGenerator.GetBytes(32)), default);

        Assert.Equal(TakeResult.NotFound, wrong);
        Assert.Equal(new byte[] { 7 }, (await store.TakeViewAsync(key, default)).Ciphertext);
    }

    [Fact]
    public async Task GetStatusAsync_OldFormatKey_WaitingWithOneViewAndItsTimeToLive()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await WriteOldFormatAsync("onetime:", key, [7], Hour);

        var status = await store.GetStatusAsync(key, default);

        Assert.True(status.IsWaiting);
        Assert.Equal(1, status.ViewsLeft);
        Assert.Null(status.ReadAt);
        Assert.InRange(status.TimeToLive, Hour - TimeSpan.FromMinutes(1), Hour);
    }

    [Fact]
    public async Task GetStatusAsync_OldFormatKeyWithoutExpiry_IsInfinite()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await _other.GetDatabase().StringSetAsync("onetime:" + SecretKeyTests.Text(key), new byte[] { 7 });

        Assert.Equal(Timeout.InfiniteTimeSpan, (await store.GetStatusAsync(key, default)).TimeToLive);
    }

    [Fact]
    public async Task BurnAsync_OldFormatKey_DeletesIt()
    {
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await WriteOldFormatAsync("onetime:", key, [7], Hour);

        var burned = await store.BurnAsync(key, default);

        Assert.Equal(LookupOutcome.Found, burned);
        Assert.Equal(TakeResult.NotFound, await store.TakeViewAsync(key, default));
        Assert.Equal(LookupOutcome.NotFound, await store.BurnAsync(key, default));
    }

    [Fact]
    public async Task ConfirmReadAsync_OldFormatKey_NotFoundAndStillReadable()
    {
        // Their last read leaves no receipt, so there is never one to confirm; a waiting one is left as it was.
        await using var store = RedisStores.Create(redis.Server.Url);
        var key = NewKey();
        await WriteOldFormatAsync("onetime:", key, [7], Hour);

        var waiting = await store.ConfirmReadAsync(key, new byte[] { 1 }, default);
        var read = await store.TakeViewAsync(key, default);
        var afterRead = await store.ConfirmReadAsync(key, new byte[] { 1 }, default);

        Assert.Equal(ConfirmOutcome.NotFound, waiting);
        Assert.Equal(new byte[] { 7 }, read.Ciphertext);
        Assert.Equal(ConfirmOutcome.NotFound, afterRead);
    }

    [Fact]
    public async Task Service_OldFormatKeys_ExistsRetrieveAndBurnOverGrpcAndGrpcWeb()
    {
        await using var server = await OneTimeTestServer.StartAsync("redis", redis.Server.Url);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var grpc = new SecretCalls(client, GrpcTestMode.Grpc);
        var web = new SecretCalls(client, GrpcTestMode.GrpcWeb);
        var read = await WriteOldSecretAsync();
        var burned = await WriteOldSecretAsync();

        var exists = (await web.ExistsAsync(read)).Single(ExistsResponse.Parser);
        var retrieved = (await grpc.RetrieveAsync(read)).Single(RetrieveResponse.Parser);
        var again = await web.RetrieveAsync(read);
        var burn = await web.BurnAsync(burned);
        var afterBurn = await grpc.RetrieveAsync(burned);

        Assert.Equal(SecretState.Waiting, exists.State);
        Assert.Equal(1u, exists.ViewsLeft);
        Assert.InRange(exists.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow, Hour - TimeSpan.FromMinutes(1), Hour);
        Assert.Equal(read.Ciphertext, retrieved.Ciphertext);
        Assert.Equal(0u, retrieved.ViewsLeft);
        Assert.Equal(StatusCode.NotFound, again.Status);
        Assert.Equal(StatusCode.OK, burn.Status);
        Assert.Equal(StatusCode.NotFound, afterBurn.Status);
    }

    // A secret as the earlier server stored it: its id and token as a client holds them, its key as Redis held it.
    private async Task<StoredSecret> WriteOldSecretAsync()
    {
        var id = RandomNumberGenerator.GetBytes(SecretKey.IdSize);
        var token = RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize);
        var ciphertext = RandomNumberGenerator.GetBytes(SecretCalls.SmallestEnvelope);
        await WriteOldFormatAsync("onetime:", SecretKey.Create(id, token), ciphertext, Hour);
        return new StoredSecret(System.Buffers.Text.Base64Url.EncodeToString(id), ByteString.CopyFrom(token), ByteString.CopyFrom(ciphertext));
    }

    // The earlier store's write, exactly: SET {prefix}{id}.{digest} value PX ms NX.
    private async Task WriteOldFormatAsync(string prefix, SecretKey key, byte[] ciphertext, TimeSpan timeToLive)
    {
        var written = await _other.GetDatabase().ExecuteAsync(
            "SET", prefix + SecretKeyTests.Text(key), ciphertext, "PX", (long)timeToLive.TotalMilliseconds, "NX");
        Assert.Equal("OK", written.ToString());
    }

    private static byte[] IdOf(SecretKey key)
    {
        var id = new byte[SecretKey.IdSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(id, key.Id);
        return id;
    }
}
