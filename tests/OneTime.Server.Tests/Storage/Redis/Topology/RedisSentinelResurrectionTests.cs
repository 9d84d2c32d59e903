using OneTime.Server.Storage;
using OneTime.Testing;

namespace OneTime.Server.Tests.Storage.Redis.Topology;

/// <summary>
/// The failover hazard: the primary hands a secret's last view out while its replica is cut off, then dies; Sentinel
/// promotes the replica, which still holds the key. Without acknowledgement the secret is read a second time; with
/// OneTime:Redis:ReplicasToAcknowledge = 1 it is revealed at most once in all.
/// </summary>
public sealed class RedisSentinelResurrectionTests
{
    private static readonly byte[] Ciphertext = [1, 2, 3];

    [Fact]
    public async Task TakeAsync_NoAcknowledgementPartitionThenFailover_SecretIsReadTwice()
    {
        await using var set = await RedisSentinelSet.StartAsync();
        await using var store = TopologyStores.Create(set.Configuration, replicasToAcknowledge: 0);
        var key = TestKeys.NewKey();
        Assert.True(await TopologyStores.EventuallyAsync(() => store.TryAddAsync(key, Ciphertext, TopologyStores.Hour, default).AsTask()));
        await RedisCli.WaitUntilAsync(
            async () => await RedisCli.RunAsync(set.Replica.Port, "exists", TopologyStores.RedisKey(key)) == "1", "the replica holds the secret");

        await set.PartitionReplicaAsync();
        var first = await store.TakeAsync(key, default);
        await set.AssertReplicaBehindRelayAsync();
        await set.Primary.StopAsync();
        await RedisSentinelSet.WaitUntilPrimaryAsync(set.Replica);
        Assert.Equal("1", await RedisCli.RunAsync(set.Replica.Port, "exists", TopologyStores.RedisKey(key))); // resurrected
        var second = await TopologyStores.EventuallyAsync(() => store.TakeAsync(key, default).AsTask());

        Assert.Equal(Ciphertext, first);
        Assert.Equal(Ciphertext, second); // the hazard: a one-time secret, revealed twice
    }

    [Fact]
    public async Task TakeAsync_OneReplicaToAcknowledgePartitionThenFailover_SecretIsRevealedAtMostOnce()
    {
        await using var set = await RedisSentinelSet.StartAsync();
        await using var store = TopologyStores.Create(set.Configuration, replicasToAcknowledge: 1);
        var key = TestKeys.NewKey();
        Assert.True(await TopologyStores.EventuallyAsync(() => store.TryAddAsync(key, Ciphertext, TopologyStores.Hour, default).AsTask()));
        Assert.Equal("1", await RedisCli.RunAsync(set.Replica.Port, "exists", TopologyStores.RedisKey(key))); // WAIT saw to it

        await set.PartitionReplicaAsync();
        var reveals = 0;
        var takeWhileCut = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(key, default).AsTask());
        var storeWhileCut = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => store.TryAddAsync(TestKeys.NewKey(), Ciphertext, TopologyStores.Hour, default).AsTask());
        await set.Primary.StopAsync();
        await RedisSentinelSet.WaitUntilPrimaryAsync(set.Replica);

        // The promoted replica still holds the key, but has no replica of its own to confirm a deletion: the store
        // reaches it, deletes, cannot confirm, and reveals nothing. The secret is lost unread, never read twice.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await store.TakeAsync(key, default) is null)
                {
                    break;
                }

                reveals++;
            }
            catch (StoreUnavailableException error) when (error.Message.Contains("replicas confirmed"))
            {
                break;
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Contains("replicas confirmed", takeWhileCut.Message);
        Assert.Contains("replicas confirmed", storeWhileCut.Message);
        Assert.Equal(0, reveals);
        // The ciphertext is gone from the promoted node; what may stay is the read receipt: a 49-byte header alone.
        Assert.Contains(await RedisCli.RunAsync(set.Replica.Port, "strlen", TopologyStores.RedisKey(key)), new[] { "0", "49" });
    }
}
