using System.Diagnostics;
using OneTime.Testing;

namespace OneTime.Soak;

/// <summary>
/// Injects the scheduled faults one after the other, each at its time or when the previous one has healed, and
/// records when each was injected and healed. "Healed" is the harness's view: the relay restored and the replica in
/// sync again, a replica back beside the promoted primary, the server answering its readiness probe again.
/// </summary>
internal sealed class FaultInjector(RedisSentinelSet redis, ServerProcess server, FaultSchedule schedule, Ledger ledger, long start, TimeSpan hold, TextWriter log)
{
    private const int SlowlorisConnectionsPerEndpoint = 250;
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PartitionLimit = TimeSpan.FromSeconds(20);

    public int? ServerExitCode { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var fault in schedule.Faults)
        {
            var previous = schedule.Faults.LastOrDefault(f => f.HealedAt is not null)?.HealedAt ?? 0;
            var at = Math.Max(fault.DueAt, previous + FaultSchedule.RecoveryWindow.TotalSeconds);
            var wait = TimeSpan.FromSeconds(at) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            log.WriteLine($"{Now(),7:F1}s  inject  {fault.Name}");
            await InjectAsync(fault);
            log.WriteLine($"{Now(),7:F1}s  healed  {fault.Name}{(fault.Note.Length > 0 ? ": " + fault.Note : "")}");
        }
    }

    private double Now() => Stopwatch.GetElapsedTime(start).TotalSeconds;

    private Task InjectAsync(Fault fault) => fault.Name switch
    {
        FaultSchedule.ReplicaPartition => PartitionReplicaAsync(fault),
        FaultSchedule.RedisRestartedEmpty => RestartPrimaryEmptyAsync(fault),
        FaultSchedule.PrimaryKilled => KillPrimaryAsync(fault),
        FaultSchedule.ServerRestarted => RestartServerAsync(fault),
        _ => SlowlorisAsync(fault),
    };

    // With ReplicasToAcknowledge = 1, every change waits for the replica: cut off, Stores and reads answer UNAVAILABLE.
    // The sentinels send a replica that follows another address than its primary's (the relay) to the primary itself
    // once their failover-timeout (30 s, RedisSentinelSet) has passed since its last change: it is sent back behind the
    // relay first, and the cut lasts less than that.
    private async Task PartitionReplicaAsync(Fault fault)
    {
        if (await RedisCli.InfoFieldAsync(redis.Replica.Port, "replication", "master_port") != redis.Relay.Port.ToString())
        {
            await RedisCli.RunAsync(redis.Replica.Port, "replicaof", "127.0.0.1", redis.Relay.Port.ToString());
            await WaitInSyncAsync(redis.Replica);
        }

        fault.InjectedAt = Now();
        await redis.PartitionReplicaAsync();
        await Task.Delay(hold < PartitionLimit ? hold : PartitionLimit);
        redis.Relay.Restore();
        await WaitInSyncAsync(redis.Replica);
        fault.HealedAt = Now();
        if (await RedisCli.InfoFieldAsync(redis.Replica.Port, "replication", "master_port") != redis.Relay.Port.ToString())
        {
            fault.Note = "a sentinel routed the replica around the relay during the cut";
        }
    }

    // No persistence (as shipped): the primary comes back with nothing, and its replica resyncs to that nothing, which
    // is why acknowledged secrets may be lost here and only here. Back within the sentinels' 1 s, so no failover.
    private async Task RestartPrimaryEmptyAsync(Fault fault)
    {
        fault.InjectedAt = Now();
        ledger.MarkEmptyRestart(fault.InjectedAt.Value);
        await redis.Primary.StopAsync();
        await redis.Primary.StartAsync();
        await WaitInSyncAsync(redis.Replica);
        fault.HealedAt = Now();
        ledger.MarkEmptyRestartHealed(fault.HealedAt.Value);
    }

    // The sentinels promote the replica; the old primary, started again empty, is made its replica by them.
    private async Task KillPrimaryAsync(Fault fault)
    {
        fault.InjectedAt = Now();
        await redis.Primary.StopAsync();
        await RedisSentinelSet.WaitUntilPrimaryAsync(redis.Replica);
        var promoted = Now();
        await redis.Primary.StartAsync();
        await WaitInSyncAsync(redis.Primary);
        fault.HealedAt = Now();
        fault.Note = $"replica promoted after {promoted - fault.InjectedAt:F1}s, old primary back as replica after {fault.HealedAt - fault.InjectedAt:F1}s";
    }

    private async Task RestartServerAsync(Fault fault)
    {
        fault.InjectedAt = Now();
        var (exitCode, drain) = await server.StopGracefullyAsync(DrainBound);
        ServerExitCode = exitCode;
        await server.StartAsync();
        await WaitReadyAsync();
        fault.HealedAt = Now();
        fault.Note = $"exit code {exitCode} after a drain of {drain.TotalMilliseconds:F0} ms";
    }

    private async Task SlowlorisAsync(Fault fault)
    {
        fault.InjectedAt = Now();
        var (opened, closed) = await Slowloris.HoldAsync(server.Ports, SlowlorisConnectionsPerEndpoint, hold);
        fault.HealedAt = Now();
        fault.Note = $"{opened} stalled connections, {closed} closed by the server within {hold.TotalSeconds:F0}s";
    }

    private static Task WaitInSyncAsync(RedisServer replica) => RedisCli.WaitUntilAsync(
        async () => await RedisCli.InfoFieldAsync(replica.Port, "replication", "master_link_status") == "up",
        $"port {replica.Port} replicates", TimeSpan.FromSeconds(90));

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await RedisCli.WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{server.Ports.Management}/readyz");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "the server is ready", TimeSpan.FromSeconds(90));
    }
}
