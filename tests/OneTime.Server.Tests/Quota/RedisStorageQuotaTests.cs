using OneTime.Server.Quota;
using OneTime.Server.Storage.Redis;
using OneTime.Testing;
using StackExchange.Redis;

namespace OneTime.Server.Tests.Quota;

/// <summary>The Redis quota's leases: a burst of first Stores takes one lease, not the client's whole budget.</summary>
public sealed class RedisStorageQuotaTests
{
    private static readonly QuotaOptions Options = new() { MaxBytes = 16 * 1024 * 1024, Window = TimeSpan.FromDays(1) };

    [Fact]
    public async Task TryChargeAsync_BurstOfFirstStores_AllGrantedFromOneLease()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var quota = new RedisStorageQuota(new RedisWriteCoalescer(multiplexer.GetDatabase()), "onetime:", "test", Options, TimeProvider.System);

        var charges = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => quota.TryChargeAsync("198.51.100.7", 1024, TimeSpan.FromHours(1)).AsTask())));

        Assert.All(charges, charge => Assert.True(charge.Granted));
        var spent = (long)await multiplexer.GetDatabase().StringGetAsync($"onetime:quota:{charges[0].Window}:198.51.100.7");
        Assert.Equal(Options.MaxBytes / 16, spent); // one lease taken from Redis, the rest spent from it here
    }

    [Fact]
    public async Task TryChargeAsync_TwoServers_NeverSpendMoreThanTheLimit()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var servers = Enumerable.Range(0, 2)
            .Select(_ => new RedisStorageQuota(new RedisWriteCoalescer(multiplexer.GetDatabase()), "onetime:", "test", Options, TimeProvider.System))
            .ToArray();
        const int secret = 256 * 1024; // a quarter of a lease: 64 fit in the budget

        var charges = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => servers[i % 2].TryChargeAsync("198.51.100.7", secret, TimeSpan.FromHours(1)).AsTask())));

        var granted = charges.Count(charge => charge.Granted);
        Assert.InRange(granted, 64 - 4, 64); // at most a lease's worth held back in the other server
        var spent = (long)await multiplexer.GetDatabase().StringGetAsync($"onetime:quota:{charges[0].Window}:198.51.100.7");
        Assert.InRange(spent, granted * (long)secret, Options.MaxBytes);
    }
}
