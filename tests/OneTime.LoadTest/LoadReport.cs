namespace OneTime.LoadTest;

/// <summary>
/// One run's result. An operation is one call, except in <c>pair</c> where it is a Store and a Retrieve.
/// <see cref="CompletedOperations"/> counts the whole run (warm-up and failures included) and is what the generator's
/// own CPU time is divided by: on a machine it shares with the server, that cost is capacity the server lacks.
/// </summary>
internal sealed record LoadReport(
    string Scenario,
    string Protocol,
    string Target,
    int Concurrency,
    int Connections,
    int PayloadSize,
    double DurationSeconds,
    long Operations,
    double OperationsPerSecond,
    double CallsPerSecond,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> Errors,
    long PairsVerified,
    long CompletedOperations,
    double ClientCpuMicrosecondsPerOperation)
{
    public long ErrorCount => Errors.Values.Sum();
}
