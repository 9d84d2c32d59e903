using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OneTime.Soak;

/// <summary>The verdicts and the tables: printed, and written as soak.json, soak-minutes.csv and soak-phases.csv.</summary>
internal sealed class SoakReport(SoakOptions options, ServerBuild build, FaultSchedule schedule, Ledger ledger, CallRecorder recorder,
    IReadOnlyList<ResourceSample> samples, int? serverExitCode, int swept)
{
    private const double MaxGrowth = 0.10;
    // A new server's heap grows under load for its first minute or so (tests/PERFORMANCE.md "Soak with faults").
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShortestJudged = TimeSpan.FromSeconds(20);
    private readonly List<(string What, string Value, bool Passed)> _assertions = [];

    public bool Passed => _assertions.All(a => a.Passed);

    public void Write(TextWriter output)
    {
        Assert("second reveals (last view revealed again)", ledger.SecondReveals, 0);
        Assert("reveals after an acknowledged Burn", ledger.RevealsAfterBurn, 0);
        Assert("reveals of a secret found missing earlier", ledger.Reappeared, 0);
        Assert("reveals with other bytes than stored", ledger.WrongBytes, 0);
        Assert("views_left miscounted", ledger.ViewsMiscounted, 0);
        Assert("acknowledged and then lost, outside \"Redis restarted empty\"", ledger.Lost, 0);
        Assert("calls hung past their deadline", recorder.Hung, 0);
        Assert("failed calls with an undocumented status", recorder.Undocumented, 0);
        _assertions.Add(("server exit code on SIGTERM", serverExitCode?.ToString(CultureInfo.InvariantCulture) ?? "not restarted", serverExitCode == 0));
        foreach (var (what, value, passed) in ResourceVerdicts()) _assertions.Add((what, value, passed));
        foreach (var fault in schedule.Faults)
        {
            _assertions.Add(($"fault injected and healed: {fault.Name}", fault.HealedAt is null ? "not healed" : "yes", fault.HealedAt is not null));
            _assertions.Add(($"a Store succeeded after: {fault.Name}", recorder.RecoveredAfter(fault.Name) is null ? "none" : "yes", recorder.RecoveredAfter(fault.Name) is not null));
        }

        output.WriteLine();
        output.WriteLine($"Soak: {options.Duration.TotalSeconds:F0} s at {options.Rate}/s, server {(build.Kind == ServerBuildKind.Aot ? "Native AOT" : "JIT")}, " +
            $"Redis Sentinel (primary, replica, 3 sentinels), ReplicasToAcknowledge=1");
        output.WriteLine($"calls {recorder.Calls:N0}; acknowledged Stores {ledger.Acknowledged:N0}; reveals {ledger.Reveals:N0}; " +
            $"lost across \"Redis restarted empty\" (allowed) {ledger.LostAllowed:N0}; consumed by a failed call (fails closed) {ledger.ConsumedByFailedCall:N0}; " +
            $"waiting and kept secrets checked at the end {swept:N0}");
        output.WriteLine();
        output.WriteLine("| fault | injected s | healed s | failed calls (fault + 10 s) | heal to first Store ms | note |");
        output.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var fault in schedule.Faults)
        {
            var recovered = recorder.RecoveredAfter(fault.Name);
            output.WriteLine($"| {fault.Name} | {fault.InjectedAt:F1} | {fault.HealedAt:F1} | {recorder.FailuresDuring(fault.Name)} | " +
                $"{(recovered is { } r ? (r * 1000).ToString("F0", CultureInfo.InvariantCulture) : "-")} | {fault.Note} |");
        }

        output.WriteLine();
        output.WriteLine("| minute | calls | failed | p50 ms | p99 ms | max ms | RSS MB start/end | fds start/end | threads end | thread-pool queue max |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|");
        foreach (var row in MinuteRows()) output.WriteLine(row);
        output.WriteLine();
        output.WriteLine("| phase | calls | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (phase, calls, p50, p99, max) in recorder.Phases()) output.WriteLine($"| {phase} | {calls:N0} | {p50:F2} | {p99:F2} | {max:F0} |");
        // The losses not allowed first; the full list is in soak.json.
        const int Listed = 10;
        var losses = ledger.Losses.OrderBy(l => l.Allowed).ThenBy(l => l.FoundAt).ToList();
        if (losses.Count > Listed) output.WriteLine($"missing: {losses.Count:N0} secrets, the first {Listed}:");
        foreach (var (storedAt, foundAt, by, allowed) in losses.Take(Listed))
        {
            output.WriteLine($"missing: stored at {storedAt:F1}s, found missing at {foundAt:F1}s by {by}{(allowed ? " (across \"Redis restarted empty\")" : "")}");
        }

        output.WriteLine();
        output.WriteLine("Failed calls by operation, protocol, status (cause):");
        foreach (var (key, count) in recorder.Failures()) output.WriteLine($"  {count,7:N0}  {key}");
        output.WriteLine();
        foreach (var (what, value, passed) in _assertions) output.WriteLine($"{(passed ? "ok  " : "FAIL")}  {what}: {value}");
        WriteFiles();
        output.WriteLine($"\nWritten: {Path.Combine(options.OutputDirectory, "soak.json")}, soak-minutes.csv, soak-phases.csv, server-*.log");
    }

    private void Assert(string what, long value, long allowed) =>
        _assertions.Add((what, value.ToString("N0", CultureInfo.InvariantCulture), value <= allowed));

    // Per server process (a restart starts a new one): its first sample after the warm-up against its last, both in
    // steady load; a process that ran steady for less than ShortestJudged is not judged. The slowloris fault splits the
    // judgement in two: its stalled connections leave a high-water mark (about 25 KB a connection of garbage and free
    // GC regions that workstation GC under light load keeps committed; tests/PERFORMANCE.md), so growth is judged up to
    // it, and from its end on, where the level it left must not grow further.
    private IEnumerable<(string, string, bool)> ResourceVerdicts()
    {
        var slowloris = schedule.Faults.FirstOrDefault(f => f.Name == FaultSchedule.Slowloris)?.InjectedAt ?? double.MaxValue;
        foreach (var process in samples.GroupBy(s => s.ProcessId))
        {
            var first = process.First().At;
            var steady = process.Where(s => s.At >= first + WarmUp.TotalSeconds && schedule.PhaseAt(s.At).Kind == "steady").ToList();
            var stretches = new[]
            {
                (What: "", Samples: steady.Where(s => s.At < slowloris).ToList()),
                (What: " after slowloris", Samples: steady.Where(s => s.At >= slowloris).ToList()),
            };
            var judged = false;
            foreach (var (what, stretch) in stretches)
            {
                if (stretch.Count < 2 || stretch[^1].At - stretch[0].At < ShortestJudged.TotalSeconds) continue;
                judged = true;
                var (from, to) = (stretch[0], stretch[^1]);
                var rss = (double)to.RssBytes / from.RssBytes - 1;
                var fds = (double)to.OpenFds / from.OpenFds - 1;
                yield return ($"server process {process.Key}: RSS growth{what} {from.At:F0}-{to.At:F0} s ({Mb(from.RssBytes)} -> {Mb(to.RssBytes)} MB)", $"{rss:P1}", rss <= MaxGrowth);
                yield return ($"server process {process.Key}: open fds growth{what} {from.At:F0}-{to.At:F0} s ({from.OpenFds} -> {to.OpenFds})", $"{fds:P1}", fds <= MaxGrowth);
            }

            if (!judged) yield return ($"server process {process.Key}: RSS and fds", "ran steady too briefly to judge", true);
        }
    }

    private IEnumerable<string> MinuteRows()
    {
        foreach (var (minute, calls, failed, p50, p99, max) in recorder.Minutes())
        {
            var inMinute = samples.Where(s => (int)(s.At / 60) == minute).ToList();
            var (first, last) = (inMinute.FirstOrDefault(), inMinute.LastOrDefault());
            var queue = inMinute.Max(s => s.ThreadPoolQueue);
            yield return $"| {minute} | {calls:N0} | {failed:N0} | {p50:F2} | {p99:F2} | {max:F0} | " +
                $"{(first is null ? "-" : $"{Mb(first.RssBytes)} / {Mb(last!.RssBytes)}")} | {(first is null ? "-" : $"{first.OpenFds} / {last!.OpenFds}")} | " +
                $"{last?.Threads.ToString(CultureInfo.InvariantCulture) ?? "-"} | {(queue is { } q ? q.ToString("F0", CultureInfo.InvariantCulture) : "n/a")} |";
        }
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private void WriteFiles()
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var minutes = new StringBuilder("minute,calls,failed,p50_ms,p99_ms,max_ms\n");
        foreach (var (minute, calls, failed, p50, p99, max) in recorder.Minutes()) minutes.AppendLine(Invariant($"{minute},{calls},{failed},{p50:F3},{p99:F3},{max:F1}"));
        File.WriteAllText(Path.Combine(options.OutputDirectory, "soak-minutes.csv"), minutes.ToString());
        var phases = new StringBuilder("phase,calls,p50_ms,p99_ms,max_ms\n");
        foreach (var (phase, calls, p50, p99, max) in recorder.Phases()) phases.AppendLine(Invariant($"{phase},{calls},{p50:F3},{p99:F3},{max:F1}"));
        File.WriteAllText(Path.Combine(options.OutputDirectory, "soak-phases.csv"), phases.ToString());
        var json = new
        {
            durationSeconds = options.Duration.TotalSeconds, rate = options.Rate, build = build.Kind.ToString().ToLowerInvariant(), passed = Passed,
            calls = recorder.Calls, acknowledgedStores = ledger.Acknowledged, reveals = ledger.Reveals, secondReveals = ledger.SecondReveals,
            revealsAfterBurn = ledger.RevealsAfterBurn, reappeared = ledger.Reappeared, wrongBytes = ledger.WrongBytes,
            lost = ledger.Lost, lostAcrossEmptyRestart = ledger.LostAllowed, consumedByFailedCall = ledger.ConsumedByFailedCall,
            hung = recorder.Hung, undocumented = recorder.Undocumented, serverExitCode,
            faults = schedule.Faults.Select(f => new
            {
                f.Name, f.DueAt, f.InjectedAt, f.HealedAt, failedCalls = recorder.FailuresDuring(f.Name),
                healToFirstStoreSeconds = recorder.RecoveredAfter(f.Name), f.Note,
            }),
            minutes = recorder.Minutes().Select(m => new { m.Minute, m.Calls, m.Failed, m.P50, m.P99, m.Max }),
            phases = recorder.Phases().Select(p => new { p.Phase, p.Calls, p.P50, p.P99, p.Max }),
            failures = recorder.Failures(),
            losses = ledger.Losses.Select(l => new { l.StoredAt, l.FoundAt, l.By, l.Allowed }),
            resources = samples,
            assertions = _assertions.Select(a => new { a.What, a.Value, a.Passed }),
        };
        File.WriteAllText(Path.Combine(options.OutputDirectory, "soak.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
