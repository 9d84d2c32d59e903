using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>What only the Redis store has: outages, logins, databases, replicas' acknowledgements and Redis running out of memory.</summary>
public sealed class RedisSecretStoreTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task TakeAsync_RedisStopped_ThrowsUnavailableQuicklyNotNull()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var store = RedisStores.Create(redis.Url);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[] { 1 }, Hour, default);
        await redis.StopAsync();

        var first = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(key, default).AsTask());
        var second = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(key, default).AsTask());

        // Failing fast means refused for want of a connection (BacklogPolicy.FailFast), not queued until the command
        // timeout ran out: that would be a RedisTimeoutException underneath.
        Assert.IsType<RedisConnectionException>(first.InnerException);
        Assert.IsType<RedisConnectionException>(second.InnerException);
        Assert.False(await store.PingAsync(default));
    }

    [Fact]
    public async Task TryAddAsync_RedisRestarted_WorksAgainWithoutIntervention()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var store = RedisStores.Create(redis.Url);
        Assert.True(await store.PingAsync(default));
        await redis.StopAsync();
        await Assert.ThrowsAnyAsync<StoreUnavailableException>(() => store.TakeAsync(NewKey(), default).AsTask());

        await redis.StartAsync();
        var key = NewKey();
        var added = await EventuallyAsync(() => store.TryAddAsync(key, new byte[] { 9 }, Hour, default).AsTask());

        Assert.True(added);
        Assert.Equal(new byte[] { 9 }, await store.TakeAsync(key, default));
    }

    [Fact]
    public async Task TakeAsync_RedisNeverStarted_ThrowsUnavailableWithTheAddressOnly()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "hunter2");
        var url = redis.Url;
        await redis.StopAsync();
        await using var store = RedisStores.Create(url);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(NewKey(), default).AsTask());

        Assert.Contains($"127.0.0.1:{redis.Port}", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public async Task TryAddAsync_RequirePassRightPassword_Works()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "p@ss:word/1");
        await using var store = RedisStores.Create(redis.Url);
        var key = NewKey();

        var added = await store.TryAddAsync(key, new byte[] { 5 }, Hour, default);

        Assert.True(added);
        Assert.Equal(new byte[] { 5 }, await store.TakeAsync(key, default));
    }

    [Fact]
    public async Task TryAddAsync_RequirePassWrongPassword_ThrowsUnavailableWithoutThePassword()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "right-one");
        await using var store = RedisStores.Create($"redis://:wrong-one@127.0.0.1:{redis.Port}");

        var error = await RefusedCredentialsAsync(store, "wrong-one");

        Assert.Contains($"Redis at 127.0.0.1:{redis.Port} refused the credentials", error.Message);
    }

    [Fact]
    public async Task TryAddAsync_WrongPasswordFirstHandshakeTimedOut_SaysCredentialsRefusedAndWarnsOnce()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "right-one");
        await using var relay = new TcpRelay(redis.Port);
        var logs = new TestLogSink();
        // The first handshake gets no answer and times out (ConnectTimeout), as on a machine too busy to answer in
        // time; the library keeps that timeout as the reason of the outage. Every later login reaches Redis, which
        // refuses the password.
        relay.Stall();
        await using var store = RedisStores.Create(
            RedisStores.Options($"redis://:wrong-one@127.0.0.1:{relay.Port}"), logger: logs.CreateLogger("OneTime.Redis"));
        relay.Restore();

        var error = await RefusedCredentialsAsync(store, "wrong-one");

        Assert.Contains($"Redis at 127.0.0.1:{relay.Port} refused the credentials", error.Message);
        var warning = Assert.Single(logs.Entries, e => e.EventId.Name == "RedisAuthenticationFailed");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"127.0.0.1:{relay.Port} refused the credentials", warning.Message);
        Assert.DoesNotContain(logs.Entries, e => $"{e.Message} {e.Exception}".Contains("wrong-one"));
    }

    [Fact]
    public async Task TakeAsync_PasswordAcceptedAfterARefusal_WorksAndAnOutageIsNoLongerBlamedOnIt()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "right-one");
        await using var store = RedisStores.Create($"redis://:new-one@127.0.0.1:{redis.Port}");
        await RefusedCredentialsAsync(store, "new-one");

        // The operator gives Redis the password the server has: the next login is accepted.
        await RedisCli.RunAsync(redis.Port, "--no-auth-warning", "-a", "right-one", "config", "set", "requirepass", "new-one");
        var key = NewKey();
        Assert.True(await EventuallyAsync(() => store.TryAddAsync(key, new byte[] { 1 }, Hour, default).AsTask()));
        await redis.StopAsync();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(key, default).AsTask());

        Assert.StartsWith($"No connection to Redis at 127.0.0.1:{redis.Port}", error.Message);
    }

    // The multiplexer connects in the background: until a login has been refused, a call hears only that no connection
    // is up. Every answer leaves the password out; once a login was refused, the answer says so.
    private static async Task<StoreUnavailableException> RefusedCredentialsAsync(RedisSecretStore store, string password)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryAddAsync(NewKey(), new byte[] { 1 }, Hour, default).AsTask());
            Assert.DoesNotContain(password, error.ToString());
            if (error.Message.Contains("refused the credentials") || DateTime.UtcNow >= deadline)
            {
                Assert.Contains("refused the credentials", error.Message);
                return error;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TryAddAsync_RequirePassNoPassword_ThrowsUnavailable()
    {
        await using var redis = await RedisServer.StartNewAsync(password: "right-one");
        await using var store = RedisStores.Create($"redis://127.0.0.1:{redis.Port}");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryAddAsync(NewKey(), new byte[] { 1 }, Hour, default).AsTask());
    }

    [Fact]
    public async Task TakeAsync_OtherDatabase_DoesNotSeeTheSecret()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var database1 = RedisStores.Create(redis.UrlFor(database: 1));
        await using var database2 = RedisStores.Create(redis.UrlFor(database: 2));
        var key = NewKey();
        await database1.TryAddAsync(key, new byte[] { 1 }, Hour, default);

        var fromOther = await database2.TakeAsync(key, default);

        Assert.Null(fromOther);
        Assert.Equal(new byte[] { 1 }, await database1.TakeAsync(key, default));
    }

    [Fact]
    public async Task TakeAsync_OtherKeyPrefix_DoesNotSeeTheSecret()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var appA = RedisStores.Create(redis.Url, keyPrefix: "a:");
        await using var appB = RedisStores.Create(redis.Url, keyPrefix: "b:");
        var key = NewKey();
        await appA.TryAddAsync(key, new byte[] { 1 }, Hour, default);

        Assert.Null(await appB.TakeAsync(key, default));
        Assert.NotNull(await appA.TakeAsync(key, default));
    }

    [Fact]
    public async Task TryAddAsync_MaxMemoryNoEviction_ThrowsStoreFull()
    {
        await using var redis = await RedisServer.StartNewAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var store = RedisStores.Create(redis.Url);
        var value = new byte[256 * 1024];

        var error = await Assert.ThrowsAsync<StoreFullException>(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await store.TryAddAsync(NewKey(), value, Hour, default);
            }
        });

        Assert.Contains("out of memory", error.Message);
    }

    [Fact]
    public async Task TakeAsync_KeyHoldsAnotherType_ThrowsWithRedisError()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        await using var store = RedisStores.Create(redis.Url);
        var key = NewKey();
        await other.GetDatabase().ListRightPushAsync("onetime:" + SecretKeyTests.IdText(key), "x");

        var error = await Assert.ThrowsAsync<RedisReplyException>(() => store.TakeAsync(key, default).AsTask());

        Assert.Contains("WRONGTYPE", error.Message);
        Assert.DoesNotContain(SecretKeyTests.IdText(key), error.Message);
    }

    [Fact]
    public async Task TryAddAsync_ReplicasToAcknowledgeWithoutReplica_ThrowsUnavailableAndLeavesNothing()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var options = RedisStores.Options(redis.Url);
        options.ReplicasToAcknowledge = 1;
        options.ReplicaAckTimeout = TimeSpan.FromMilliseconds(100);
        await using var store = RedisStores.Create(options);
        await using var other = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");

        var key = NewKey();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TryAddAsync(key, new byte[] { 1 }, Hour, default).AsTask());

        Assert.Contains("Only 0 of 1 replicas", error.Message);
        Assert.False(await other.GetDatabase().KeyExistsAsync("onetime:" + SecretKeyTests.IdText(key)));
    }

    [Fact]
    public async Task ConfirmReadAsync_ReplicasToAcknowledgeWithoutReplica_UnavailableThenAlreadyConfirmed()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var plain = RedisStores.Create(redis.Url);
        var options = RedisStores.Options(redis.Url);
        options.ReplicasToAcknowledge = 1;
        options.ReplicaAckTimeout = TimeSpan.FromMilliseconds(100);
        await using var acknowledged = RedisStores.Create(options);
        var key = NewKey();
        await plain.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default);
        await plain.TakeViewAsync(key, default);

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
        await using var redis = await RedisServer.StartNewAsync();
        await using var replica = await RedisServer.StartNewAsync(null, "--replicaof", "127.0.0.1", redis.Port.ToString());
        var options = RedisStores.Options(redis.Url);
        options.ReplicasToAcknowledge = 1;
        options.ReplicaAckTimeout = TimeSpan.FromSeconds(2);
        await using var store = RedisStores.Create(options);
        var key = NewKey();
        var confirmation = RandomNumberGenerator.GetBytes(285);
        Assert.True(await EventuallyAsync(() => store.TryAddAsync(key, new byte[] { 1 }, 1, Hour, default).AsTask()));
        await store.TakeViewAsync(key, default);

        var outcome = await store.ConfirmReadAsync(key, confirmation, default);

        Assert.Equal(ConfirmOutcome.Confirmed, outcome);
        await using var onReplica = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{replica.Port}");
        var value = (byte[])(await onReplica.GetDatabase().StringGetAsync("onetime:" + SecretKeyTests.IdText(key)))!;
        Assert.Equal(confirmation, value[RedisEntry.HeaderSize..]); // acknowledged, so already there
    }

    [Fact]
    public void Dispose_Synchronously_DoesNotThrow()
    {
        var store = RedisStores.Create("redis://127.0.0.1:1");

        store.Dispose();
        store.Dispose();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
