namespace OneTime.LoadTest;

/// <summary>
/// One run's result. An operation is one call, except in <c>pair</c> where it is a Store and a Retrieve.
/// <see cref="CompletedOperations"/> counts the whole run (warm-up and failures included) and is what the generator's
/// own CPU time is divided by: on a machine it shares with the server, that cost is capacity the server lacks.
/// <see cref="TargetRate"/> is the fixed rate asked for (null for closed loops); below it, the server or the
/// generator did not keep up. <see cref="ClientGcPauseMilliseconds"/> is the time the generator's own garbage
/// collector stopped it (whole run), which a latency figure may hold but the server did not cause.
/// </summary>
internal sealed record LoadReport(
    string Scenario,
    string Protocol,
    string Target,
    int Concurrency,
    int Connections,
    int PayloadSize,
    double? TargetRate,
    double DurationSeconds,
    long Operations,
    double OperationsPerSecond,
    double CallsPerSecond,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> Errors,
    long PairsVerified,
    long CompletedOperations,
    double ClientCpuMicrosecondsPerOperation,
    double ClientGcPauseMilliseconds)
{
    public long ErrorCount => Errors.Values.Sum();

    /// <summary>A fixed-rate run that reached less than 99% of its rate.</summary>
    public bool FellBehind => TargetRate is { } rate && OperationsPerSecond < 0.99 * rate;
}
