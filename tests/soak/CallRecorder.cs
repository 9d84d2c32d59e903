using System.Diagnostics;
using Grpc.Core;
using OneTime.LoadTest;

namespace OneTime.Soak;

/// <summary>
/// Every call's outcome and latency, by minute and by phase (steady, during a fault, after recovery); failures by
/// status and cause, calls that outlived their deadline, and each fault's failed calls and first Store after it.
/// Latency counts from when the call fell due, so calls that queued behind an outage count their wait; the minute is
/// that of when it fell due, the phase that of when it was sent.
/// </summary>
internal sealed class CallRecorder(long start, FaultSchedule schedule, TimeSpan deadline)
{
    // A call answered later than its deadline by more than this has hung: the client or the server ignored the deadline.
    private static readonly TimeSpan HangMargin = TimeSpan.FromSeconds(2);

    private readonly object _lock = new();
    private readonly Dictionary<int, LatencyHistogram> _minutes = [];
    private readonly Dictionary<string, LatencyHistogram> _phases = [];
    private readonly Dictionary<int, long> _failuresByMinute = [];
    private readonly SortedDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failuresByFault = [];
    private readonly Dictionary<string, double> _firstStoreAfterHeal = [];
    private long _calls, _hung, _undocumented;

    /// <summary>What README "What the server answers" lists for a server or store that is down or slow, or a full store.</summary>
    public static readonly IReadOnlySet<StatusCode> Documented = new HashSet<StatusCode>
    {
        StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted,
    };

    public long Calls => Interlocked.Read(ref _calls);
    public long Hung => Interlocked.Read(ref _hung);
    public long Undocumented => Interlocked.Read(ref _undocumented);

    public double Seconds(long timestamp) => Stopwatch.GetElapsedTime(start, timestamp).TotalSeconds;

    public void Record(string operation, bool web, long due, long sent, long ended, StatusCode status, string? cause)
    {
        Interlocked.Increment(ref _calls);
        var latency = Stopwatch.GetElapsedTime(due, ended);
        if (Stopwatch.GetElapsedTime(sent, ended) > deadline + HangMargin) Interlocked.Increment(ref _hung);
        var dueAt = Seconds(due);
        var phase = schedule.PhaseAt(Seconds(sent)); // what the call met; its latency still counts from when it fell due
        var failed = status != StatusCode.OK;
        if (failed && !Documented.Contains(status)) Interlocked.Increment(ref _undocumented);
        lock (_lock)
        {
            Histogram(_minutes, (int)(dueAt / 60)).Record(latency.Ticks * 100);
            Histogram(_phases, phase.Kind).Record(latency.Ticks * 100);
            if (failed)
            {
                _failuresByMinute[(int)(dueAt / 60)] = _failuresByMinute.GetValueOrDefault((int)(dueAt / 60)) + 1;
                var key = $"{operation} {(web ? "grpc-web" : "grpc")} {status}{(cause is null ? "" : $" ({cause})")}";
                _failures[key] = _failures.GetValueOrDefault(key) + 1;
                if (phase.Fault is { } fault) _failuresByFault[fault] = _failuresByFault.GetValueOrDefault(fault) + 1;
            }
            else if (operation == "Store" && schedule.LastHealedBefore(Seconds(sent)) is { } healed
                     && !_firstStoreAfterHeal.ContainsKey(healed.Name))
            {
                _firstStoreAfterHeal[healed.Name] = Seconds(ended) - healed.HealedAt!.Value;
            }
        }
    }

    private static LatencyHistogram Histogram<TKey>(Dictionary<TKey, LatencyHistogram> histograms, TKey key) where TKey : notnull
    {
        if (!histograms.TryGetValue(key, out var histogram)) histograms[key] = histogram = new LatencyHistogram();
        return histogram;
    }

    public IReadOnlyList<(int Minute, long Calls, long Failed, double P50, double P99, double Max)> Minutes()
    {
        lock (_lock)
        {
            return _minutes.OrderBy(m => m.Key)
                .Select(m => (m.Key, m.Value.TotalCount, _failuresByMinute.GetValueOrDefault(m.Key), Ms(m.Value, 50), Ms(m.Value, 99), m.Value.Max / 1e6))
                .ToList();
        }
    }

    public IReadOnlyList<(string Phase, long Calls, double P50, double P99, double Max)> Phases()
    {
        lock (_lock)
        {
            return _phases.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => (p.Key, p.Value.TotalCount, Ms(p.Value, 50), Ms(p.Value, 99), p.Value.Max / 1e6))
                .ToList();
        }
    }

    public IReadOnlyDictionary<string, long> Failures() { lock (_lock) return new SortedDictionary<string, long>(_failures); }

    public long FailuresDuring(string fault) { lock (_lock) return _failuresByFault.GetValueOrDefault(fault); }

    /// <summary>Seconds from a fault's heal to the end of the first successful Store sent after it.</summary>
    public double? RecoveredAfter(string fault) { lock (_lock) return _firstStoreAfterHeal.TryGetValue(fault, out var s) ? s : null; }

    private static double Ms(LatencyHistogram histogram, double percentile) => histogram.ValueAtPercentile(percentile) / 1e6;
}
