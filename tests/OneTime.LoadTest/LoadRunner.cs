using System.Diagnostics;

namespace OneTime.LoadTest;

/// <summary>
/// Runs <see cref="LoadOptions.Concurrency"/> workers for the warm-up and then the measured time. In closed loops
/// (the default) each worker starts its next operation when its last one ends. At a fixed rate
/// (<see cref="LoadOptions.Rate"/>) operation k is due at k / rate after the start and is taken by whichever worker is
/// free; when none was free at that time, its latency counts from when it was due, so a slow response delays no
/// measurement (no coordinated omission). The warm-up's backlog is dropped when the measured time begins. An operation
/// counts, with its latency, when it ends inside the measured window (at a fixed rate, when it also fell due there);
/// errors count over the whole run, warm-up included.
/// Every call is bounded by the run's end.
/// </summary>
internal sealed class LoadRunner(LoadOptions options, TextWriter progress)
{
    // In-flight calls get this long after the end before they are cancelled.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private long _completed;
    private long _errors;
    private long _slowestThisSecond; // Stopwatch ticks, for the progress line

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var invoker = new GrpcInvoker(options.Target, options.Protocol, options.Connections, options.Concurrency);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(i => new Worker(new SecretOperations(invoker, i, options.PayloadSize)))
            .ToArray();

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(options.Warmup + options.Duration + DrainTimeout);
        foreach (var worker in workers)
        {
            var error = await worker.Operations.PrepareAsync(options.Scenario, abort.Token);
            if (error is not null) worker.CountError(error);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + ToTicks(options.Warmup);
        var measureTo = measureFrom + ToTicks(options.Duration);
        var schedule = options.Rate is { } rate ? new FixedRateSchedule(start, measureFrom, measureTo, rate) : null;
        var pacing = schedule?.RunAsync(abort.Token) ?? Task.CompletedTask;
        using var stopProgress = new CancellationTokenSource();
        var progressTask = ReportProgressAsync(start, measureFrom, measureTo, stopProgress.Token);

        await Task.WhenAll(workers.Select(w => Task.Run(() => w.LoopAsync(this, options.Scenario, schedule, measureFrom, measureTo, abort.Token))));
        await pacing;
        await stopProgress.CancelAsync();
        await progressTask;

        return Summarize(workers, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalPauseDuration() - pausedBefore);
    }

    private LoadReport Summarize(Worker[] workers, TimeSpan cpu, TimeSpan gcPauses)
    {
        var histogram = new LatencyHistogram();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long pairsVerified = 0;
        foreach (var worker in workers)
        {
            histogram.Add(worker.Latencies);
            pairsVerified += worker.Operations.PairsVerified;
            foreach (var (key, count) in worker.Errors) errors[key] = errors.GetValueOrDefault(key) + count;
        }

        var seconds = options.Duration.TotalSeconds;
        var callsPerOperation = options.Scenario == Scenario.Pair ? 2 : 1;
        var perSecond = histogram.TotalCount / seconds;
        return new LoadReport(
            options.Scenario.ToString().ToLowerInvariant(),
            options.Protocol == Protocol.Grpc ? "grpc" : "grpc-web",
            options.Target.ToString(),
            options.Concurrency,
            options.Protocol == Protocol.Grpc ? Math.Min(options.Connections, options.Concurrency) : options.Concurrency,
            options.PayloadSize,
            options.Rate,
            seconds,
            histogram.TotalCount,
            perSecond,
            perSecond * callsPerOperation,
            LatencySummary.From(histogram, Stopwatch.Frequency / 1000.0),
            errors,
            pairsVerified,
            _completed,
            _completed == 0 ? 0 : cpu.TotalMicroseconds / _completed,
            gcPauses.TotalMilliseconds);
    }

    private async Task ReportProgressAsync(long start, long measureFrom, long measureTo, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var completed = Interlocked.Read(ref _completed);
                var phase = now < measureFrom ? "warm-up" : now < measureTo ? "measure" : "drain";
                var slowest = Interlocked.Exchange(ref _slowestThisSecond, 0) * 1000.0 / Stopwatch.Frequency;
                await progress.WriteLineAsync(
                    $"[{Stopwatch.GetElapsedTime(start, now).TotalSeconds,5:0}s {phase}] {completed - last,8} ops/s, slowest {slowest,8:0.0} ms, {Interlocked.Read(ref _errors)} errors");
                last = completed;
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private void NoteLatency(long ticks)
    {
        var slowest = Volatile.Read(ref _slowestThisSecond);
        while (ticks > slowest && Interlocked.CompareExchange(ref _slowestThisSecond, ticks, slowest) is var seen && seen != slowest)
        {
            slowest = seen;
        }
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    private sealed class Worker(SecretOperations operations)
    {
        public SecretOperations Operations { get; } = operations;

        public LatencyHistogram Latencies { get; } = new();

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public void CountError(string error) => Errors[error] = Errors.GetValueOrDefault(error) + 1;

        public async Task LoopAsync(
            LoadRunner runner, Scenario scenario, FixedRateSchedule? schedule, long measureFrom, long measureTo, CancellationToken abort)
        {
            while (true)
            {
                var began = Stopwatch.GetTimestamp();
                if (schedule is not null)
                {
                    long due;
                    try
                    {
                        while (!schedule.Released.TryRead(out due))
                        {
                            if (!await schedule.Released.WaitToReadAsync(abort).ConfigureAwait(false)) return;
                        }
                    }
                    catch (OperationCanceledException) when (abort.IsCancellationRequested)
                    {
                        return;
                    }

                    // Due before this worker was free: every worker was busy, the wait is the server's doing and
                    // counts. Due while it waited: from when it starts, so the pacing's millisecond is not charged.
                    began = due < began ? due : Stopwatch.GetTimestamp();
                }
                else if (began >= measureTo)
                {
                    return;
                }

                string? error;
                try
                {
                    error = await Operations.RunAsync(scenario, abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    CountError("cancelled at the end of the run");
                    Interlocked.Increment(ref runner._errors);
                    return;
                }

                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref runner._completed);
                if (error is not null)
                {
                    CountError(error);
                    Interlocked.Increment(ref runner._errors);
                }
                else if (ended >= measureFrom && ended < measureTo && (schedule is null || began >= measureFrom))
                {
                    Latencies.Record(ended - began);
                    runner.NoteLatency(ended - began);
                }
            }
        }
    }
}
