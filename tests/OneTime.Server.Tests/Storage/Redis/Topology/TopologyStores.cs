using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage.Redis.Topology;

/// <summary>Stores over a Sentinel set or a Cluster, as OneTime:Redis:Configuration configures them.</summary>
internal static class TopologyStores
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static RedisSecretStore Create(string configuration, int replicasToAcknowledge = 0) => RedisStores.Create(new RedisStoreOptions
    {
        Configuration = configuration,
        ReplicasToAcknowledge = replicasToAcknowledge,
        ReplicaAckTimeout = TimeSpan.FromMilliseconds(250),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        CommandTimeout = TimeSpan.FromSeconds(2),
    });

    /// <summary>The secret's entry as redis-cli names it.</summary>
    public static string RedisKey(SecretKey key) => "onetime:" + SecretKeyTests.IdText(key);

    /// <summary>Retries while the store is unavailable (a failover under way), for up to a minute.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
