using OneTime.Server.Storage.Redis;
using OneTime.Testing;
using StackExchange.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>
/// Commands sent together still answer one by one: each caller gets its own reply or its own failure, whatever else
/// shared the write, and nobody waits for a reply that never comes.
/// </summary>
public sealed class RedisWriteCoalescerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConcurrentCallers_EachGetTheirOwnReply()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var coalescer = new RedisWriteCoalescer(multiplexer.GetDatabase());

        var callers = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            RedisKey key = $"coalesce:{i}";
            RedisValue value = $"value {i}";
            var added = await coalescer.SetIfNotExistsAsync(key, value, Hour);
            var addedAgain = await coalescer.SetIfNotExistsAsync(key, "someone else's", Hour);
            var ttl = (long)await coalescer.ExecuteAsync("PTTL", key);
            var taken = await coalescer.GetDeleteAsync(key);
            var takenAgain = await coalescer.GetDeleteAsync(key);
            return (i, added, addedAgain, ttl, taken, takenAgain);
        }));
        var results = await Task.WhenAll(callers).WaitAsync(HangGuard);

        Assert.All(results, r =>
        {
            Assert.True(r.added);
            Assert.False(r.addedAgain);
            Assert.InRange(r.ttl, 1, (long)Hour.TotalMilliseconds);
            Assert.Equal($"value {r.i}", (string?)r.taken);
            Assert.True(r.takenAgain.IsNull);
        });
    }

    [Fact]
    public async Task OneCommandFails_TheOthersSentWithItSucceed()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var database = multiplexer.GetDatabase();
        await database.ListRightPushAsync("coalesce:list", "x");
        for (var i = 0; i < 400; i++) await database.StringSetAsync($"coalesce:{i}", i);
        var coalescer = new RedisWriteCoalescer(database);

        // Queued from one thread without awaiting, so that they go out in as few writes as the drains make.
        var strings = Enumerable.Range(0, 200).Select(i => coalescer.GetDeleteAsync($"coalesce:{i}")).ToList();
        var wrongType = coalescer.GetDeleteAsync("coalesce:list");
        // Keys of their own: two drains can run at once, so commands queued apart may go out in either order.
        strings.AddRange(Enumerable.Range(200, 200).Select(i => coalescer.GetDeleteAsync($"coalesce:{i}")));

        var error = await Assert.ThrowsAsync<RedisServerException>(() => wrongType.WaitAsync(HangGuard));
        Assert.Contains("WRONGTYPE", error.Message);
        var replies = await Task.WhenAll(strings).WaitAsync(HangGuard);
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (RedisValue)i), replies);
    }

    [Fact]
    public async Task RedisStopped_EveryQueuedCommandFailsAtOnce()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var multiplexer = await ConnectAsync(redis);
        var coalescer = new RedisWriteCoalescer(multiplexer.GetDatabase());
        Assert.True(await coalescer.SetIfNotExistsAsync("coalesce:before", "x", Hour));
        await redis.StopAsync();

        var commands = Enumerable.Range(0, 100)
            .Select(i => i % 2 == 0 ? (Task)coalescer.GetDeleteAsync($"coalesce:{i}") : coalescer.SetIfNotExistsAsync($"coalesce:{i}", "x", Hour))
            .ToList();

        foreach (var command in commands)
        {
            await Assert.ThrowsAsync<RedisConnectionException>(() => command.WaitAsync(HangGuard));
        }
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(RedisServer redis) =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", redis.Port } },
            BacklogPolicy = BacklogPolicy.FailFast,
            AbortOnConnectFail = false,
        });
}
