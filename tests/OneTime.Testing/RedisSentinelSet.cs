namespace OneTime.Testing;

/// <summary>
/// A primary, a replica that replicates through a <see cref="TcpRelay"/> the test can cut, and three sentinels
/// (quorum 2) that promote the replica a second or so after the primary stops answering. Every process is killed on
/// dispose. Ports are loopback and free.
/// </summary>
public sealed class RedisSentinelSet : IAsyncDisposable
{
    public const string ServiceName = "onetime";
    private const int SentinelCount = 3;
    private readonly string _directory;
    private readonly List<RedisServer> _extraReplicas = [];

    private RedisSentinelSet(string directory, RedisServer primary, TcpRelay relay, RedisServer replica, IReadOnlyList<RedisServer> sentinels)
    {
        _directory = directory;
        Primary = primary;
        Relay = relay;
        Replica = replica;
        Sentinels = sentinels;
    }

    public RedisServer Primary { get; }

    /// <summary>The replica's only way to its primary.</summary>
    public TcpRelay Relay { get; }

    public RedisServer Replica { get; }

    public IReadOnlyList<RedisServer> Sentinels { get; }

    /// <summary>What OneTime:Redis:Configuration takes: the sentinels and the service name.</summary>
    public string Configuration => string.Join(",", Sentinels.Select(s => s.Endpoint)) + $",serviceName={ServiceName}";

    public static async Task<RedisSentinelSet> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("onetime-sentinel-").FullName;
        var started = new List<IAsyncDisposable>();
        try
        {
            var primary = await RedisServer.StartNewAsync();
            started.Add(primary);
            var relay = new TcpRelay(primary.Port);
            started.Add(relay);
            var replica = await RedisServer.StartNewAsync(null, "--replicaof", "127.0.0.1", relay.Port.ToString());
            started.Add(replica);
            var sentinels = new List<RedisServer>();
            for (var i = 0; i < SentinelCount; i++)
            {
                // Promotion a second after the primary goes silent. The failover timeout is also how long a sentinel
                // lets a replica follow an address other than the primary's (here the relay) before it "fixes" it with
                // REPLICAOF to the primary itself, which would route around the relay: 30 s outlasts a test, and a
                // failed election is retried after twice that, within WaitUntilPrimaryAsync's wait.
                var sentinel = await RedisServer.StartFromConfigFileAsync(port =>
                {
                    var file = Path.Combine(directory, $"sentinel-{port}.conf");
                    File.WriteAllText(file, $"""
                        sentinel monitor {ServiceName} 127.0.0.1 {primary.Port} 2
                        sentinel down-after-milliseconds {ServiceName} 1000
                        sentinel failover-timeout {ServiceName} 30000
                        sentinel parallel-syncs {ServiceName} 1

                        """);
                    return file;
                }, "--sentinel");
                started.Add(sentinel);
                sentinels.Add(sentinel);
            }

            var set = new RedisSentinelSet(directory, primary, relay, replica, sentinels);
            await set.WaitUntilReadyAsync();
            return set;
        }
        catch
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Cuts the replica off from the primary, after checking that it still replicates through the relay.</summary>
    public async Task PartitionReplicaAsync()
    {
        await AssertReplicaBehindRelayAsync();
        Relay.Cut();
        await RedisCli.WaitUntilAsync(
            async () => await RedisCli.InfoFieldAsync(Primary.Port, "replication", "connected_slaves") == "0", "the primary has lost its replica");
    }

    /// <summary>Starts one more replica of <paramref name="primary"/>, which the sentinels discover by themselves.</summary>
    public async Task<RedisServer> AddReplicaAsync(RedisServer primary)
    {
        var replica = await RedisServer.StartNewAsync(null, "--replicaof", "127.0.0.1", primary.Port.ToString());
        _extraReplicas.Add(replica);
        try
        {
            await RedisCli.WaitUntilAsync(
                async () => await RedisCli.InfoFieldAsync(replica.Port, "replication", "master_link_status") == "up", "the new replica is in sync");
        }
        catch (TimeoutException timeout)
        {
            // Seen rarely, under load, and not yet explained: say what both servers said (a primary demoted again by
            // the sentinels would refuse the sync with NOMASTERLINK, for one).
            throw new TimeoutException(
                $"{timeout.Message} Its primary's role now: {await RedisCli.InfoFieldAsync(primary.Port, "replication", "role")}."
                + $"\nThe new replica said:\n{replica.Output()}\nIts primary said:\n{primary.Output()}", timeout);
        }

        return replica;
    }

    /// <summary>Waits until <paramref name="server"/> is a primary, as after Sentinel promoted it.</summary>
    public static Task WaitUntilPrimaryAsync(RedisServer server) => RedisCli.WaitUntilAsync(
        async () => await RedisCli.InfoFieldAsync(server.Port, "replication", "role") == "master", $"port {server.Port} is a primary",
        TimeSpan.FromSeconds(90));

    /// <summary>Throws unless the replica still follows the relay: a sentinel may not have routed it around the cut.</summary>
    public async Task AssertReplicaBehindRelayAsync()
    {
        var masterPort = await RedisCli.InfoFieldAsync(Replica.Port, "replication", "master_port");
        if (masterPort != Relay.Port.ToString())
        {
            throw new InvalidOperationException($"The replica follows port {masterPort}, not the relay on {Relay.Port}: a sentinel reconfigured it.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sentinel in Sentinels)
        {
            await sentinel.DisposeAsync();
        }

        foreach (var replica in _extraReplicas)
        {
            await replica.DisposeAsync();
        }

        await Replica.DisposeAsync();
        await Relay.DisposeAsync();
        await Primary.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    // In sync, and every sentinel knows the replica and the two other sentinels (needed to elect a leader).
    private async Task WaitUntilReadyAsync()
    {
        await RedisCli.WaitUntilAsync(
            async () => await RedisCli.InfoFieldAsync(Replica.Port, "replication", "master_link_status") == "up", "the replica is in sync");
        foreach (var sentinel in Sentinels)
        {
            await RedisCli.WaitUntilAsync(async () =>
            {
                var fields = (await RedisCli.RunAsync(sentinel.Port, "sentinel", "master", ServiceName)).Split('\n').Select(l => l.Trim()).ToArray();
                string? Field(string name) => fields.SkipWhile(l => l != name).Skip(1).FirstOrDefault();
                return Field("num-slaves") == "1" && Field("num-other-sentinels") == (SentinelCount - 1).ToString();
            }, $"sentinel {sentinel.Port} knows the replica and the other sentinels");
        }
    }
}
