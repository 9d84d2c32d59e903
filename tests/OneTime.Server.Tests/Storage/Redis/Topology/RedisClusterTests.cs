using OneTime.Server.Storage;
using OneTime.Testing;

namespace OneTime.Server.Tests.Storage.Redis.Topology;

/// <summary>Redis Cluster, three primaries and three replicas: keys spread over the shards, and a shard fails over.</summary>
public sealed class RedisClusterTests
{
    private const int Secrets = 30; // a shard missed by 30 random keys: (2/3)^30, about 5 in a million

    [Fact]
    public async Task Store_ThreeShards_SecretsOnEveryShardAndServedAgainAfterAPrimaryDies()
    {
        await using var cluster = await RedisCluster.StartAsync();
        // One store with WAIT (each key's own shard must confirm), one without, over the same cluster.
        await using var acknowledged = TopologyStores.Create(cluster.Configuration, replicasToAcknowledge: 1);
        await using var store = TopologyStores.Create(cluster.Configuration);
        var primaries = await cluster.PrimariesAsync();
        Assert.Equal(3, primaries.Count);

        var keys = new List<SecretKey>();
        for (var i = 0; i < Secrets; i++)
        {
            var key = TestKeys.NewKey();
            Assert.True(await TopologyStores.EventuallyAsync(() => acknowledged.TryAddAsync(key, new byte[] { (byte)i }, TopologyStores.Hour, default).AsTask()));
            keys.Add(key);
        }

        foreach (var primary in primaries)
        {
            Assert.NotEqual("0", await RedisCli.RunAsync(primary.Port, "dbsize"));
        }

        for (var i = 0; i < Secrets; i++)
        {
            Assert.NotNull(await store.GetTimeToLiveAsync(keys[i], default));
            Assert.Equal(new byte[] { (byte)i }, await acknowledged.TakeAsync(keys[i], default));
            Assert.Null(await store.TakeAsync(keys[i], default));
        }

        await primaries[0].StopAsync();

        // Served again, on every shard, by the same store: the replica was promoted and the store found it.
        await TopologyStores.EventuallyAsync(async () =>
        {
            for (var i = 0; i < Secrets; i++)
            {
                var key = TestKeys.NewKey();
                Assert.True(await store.TryAddAsync(key, new byte[] { 1 }, TopologyStores.Hour, default));
                Assert.NotNull(await store.GetTimeToLiveAsync(key, default));
                Assert.Equal(new byte[] { 1 }, await store.TakeAsync(key, default));
            }

            return true;
        });
        Assert.Equal(3, (await cluster.PrimariesAsync()).Count);
    }

    [Fact]
    public async Task Scripts_ThreeShards_ViewsReceiptsConfirmationsBurnAndWrongTokensOnEveryShard()
    {
        await using var cluster = await RedisCluster.StartAsync();
        await using var store = TopologyStores.Create(cluster.Configuration);
        await using var acknowledged = TopologyStores.Create(cluster.Configuration, replicasToAcknowledge: 1);

        for (var i = 0; i < Secrets; i++)
        {
            // Every script runs on the shard that owns the key (no CROSSSLOT, no MOVED left unfollowed).
            var key = TestKeys.NewKey();
            Assert.True(await TopologyStores.EventuallyAsync(() => acknowledged.TryAddAsync(key, new byte[] { (byte)i }, 3, TopologyStores.Hour, default).AsTask()));
            var readers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TakeViewAsync(key, default).AsTask())));
            Assert.Equal(3, readers.Count(r => r.Ciphertext is not null));
            Assert.True((await store.GetStatusAsync(key, default)).IsReceipt);
            Assert.Equal(ConfirmOutcome.Confirmed, await acknowledged.ConfirmReadAsync(key, new byte[] { (byte)i }, default));
            Assert.Equal(new byte[] { (byte)i }, (await store.GetStatusAsync(key, default)).ReadConfirmation.ToArray());

            var burned = TestKeys.NewKey();
            Assert.True(await TopologyStores.EventuallyAsync(() => acknowledged.TryAddAsync(burned, new byte[] { 1 }, 2, TopologyStores.Hour, default).AsTask()));
            Assert.Equal(LookupOutcome.Found, await acknowledged.BurnAsync(burned, default));

            var guessed = TestKeys.NewKey();
            Assert.True(await store.TryAddAsync(guessed, new byte[] { 1 }, 1, TopologyStores.Hour, default));
            var outcomes = new List<LookupOutcome>();
            for (var attempt = 0; attempt < SecretRules.Default.MaxWrongAttempts; attempt++)
            {
                outcomes.Add((await store.TakeViewAsync(TestKeys.WrongTokenFor(guessed), default)).Outcome);
            }

            Assert.Equal(LookupOutcome.BurnedByWrongTokens, outcomes[^1]);
            Assert.Equal(TakeResult.NotFound, await store.TakeViewAsync(guessed, default));
        }
    }
}
