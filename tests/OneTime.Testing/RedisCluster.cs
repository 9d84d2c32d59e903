namespace OneTime.Testing;

/// <summary>
/// A Redis Cluster of three primaries and three replicas on loopback, built with <c>redis-cli --cluster create</c>;
/// a replica takes over a second or so after its primary stops answering. Every node is killed on dispose.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private const int NodeCount = 6;
    private readonly string _directory;

    private RedisCluster(string directory, IReadOnlyList<RedisServer> nodes)
    {
        _directory = directory;
        Nodes = nodes;
    }

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>What OneTime:Redis:Configuration takes: every node (one would do; the rest are found by themselves).</summary>
    public string Configuration => string.Join(",", Nodes.Select(n => n.Endpoint));

    public static async Task<RedisCluster> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("onetime-cluster-").FullName;
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < NodeCount; i++)
            {
                nodes.Add(await RedisServer.StartNewAsync(
                    null,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", Path.Combine(directory, $"nodes-{i}.conf"),
                    "--cluster-node-timeout", "1000",
                    "--dir", directory));
            }

            await RedisCli.RunAsync(nodes[0].Port, ["--cluster", "create", .. nodes.Select(n => n.Endpoint), "--cluster-replicas", "1", "--cluster-yes"]);
            var cluster = new RedisCluster(directory, nodes);
            foreach (var node in nodes)
            {
                await RedisCli.WaitUntilAsync(
                    async () => await RedisCli.InfoFieldAsync(node.Port, "replication", "role") is "master" or "slave"
                        && (await RedisCli.RunAsync(node.Port, "cluster", "info")).Contains("cluster_state:ok"),
                    $"cluster node {node.Port} sees the cluster ok");
            }

            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task<IReadOnlyList<RedisServer>> PrimariesAsync()
    {
        var primaries = new List<RedisServer>();
        foreach (var node in Nodes)
        {
            if (node.IsRunning && await RedisCli.InfoFieldAsync(node.Port, "replication", "role") == "master")
            {
                primaries.Add(node);
            }
        }

        return primaries;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
