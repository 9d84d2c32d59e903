namespace OneTime.Soak;

/// <summary>One fault: when it is due, and when it was injected and healed (seconds since the soak began).</summary>
internal sealed class Fault(string name, double dueAt)
{
    public string Name { get; } = name;
    public double DueAt { get; } = dueAt;
    public double? InjectedAt { get; set; }
    public double? HealedAt { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>
/// The faults in the order they are injected, evenly spread over the run with steady load before the first and after
/// the last; and which phase a moment falls in: a fault from injection to heal, its recovery for
/// <see cref="RecoveryWindow"/> after, steady otherwise.
/// </summary>
internal sealed class FaultSchedule
{
    public const string ReplicaPartition = "replica partitioned";
    public const string PrimaryKilled = "primary killed, failover";
    public const string RedisRestartedEmpty = "Redis restarted empty";
    public const string ServerRestarted = "server restarted (SIGTERM)";
    public const string Slowloris = "slowloris on both endpoints";
    public static readonly TimeSpan RecoveryWindow = TimeSpan.FromSeconds(10);

    // The partition goes first: it cuts the relay the replica follows, and a sentinel routes a replica around a relay
    // after its failover-timeout (RedisSentinelSet); the failover must come after "restarted empty", which restarts the
    // primary the set started with.
    private static readonly string[] Order = [ReplicaPartition, RedisRestartedEmpty, PrimaryKilled, ServerRestarted, Slowloris];

    public FaultSchedule(TimeSpan duration)
    {
        var gap = duration.TotalSeconds / (Order.Length + 1);
        Faults = Order.Select((name, i) => new Fault(name, gap * (i + 1))).ToArray();
    }

    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>How long a fault is held before it is healed: a twentieth of the run, between 3 and 30 seconds.</summary>
    public static TimeSpan HoldFor(TimeSpan duration) => TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 20, 3, 30));

    public (string Kind, string? Fault) PhaseAt(double at)
    {
        foreach (var fault in Faults)
        {
            if (fault.InjectedAt is not { } injected || at < injected) continue;
            if (fault.HealedAt is not { } healed || at <= healed) return ("fault", fault.Name);
            if (at <= healed + RecoveryWindow.TotalSeconds) return ("recovery", fault.Name);
        }

        return ("steady", null);
    }

    /// <summary>The last fault healed at or before <paramref name="at"/>, if the next one was not yet injected.</summary>
    public Fault? LastHealedBefore(double at)
    {
        Fault? last = null;
        foreach (var fault in Faults)
        {
            if (fault.InjectedAt is { } injected && injected <= at && (fault.HealedAt is null || fault.HealedAt > at)) return null;
            if (fault.HealedAt is { } healed && healed <= at) last = fault;
        }

        return last;
    }
}
