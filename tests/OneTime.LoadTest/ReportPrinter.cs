using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneTime.LoadTest;

internal static class ReportPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string ToText(LoadReport report)
    {
        var l = report.LatencyMs;
        var lines = new List<string>
        {
            $"{report.Scenario} over {report.Protocol} to {report.Target}: " +
            (report.TargetRate is { } rate ? $"fixed rate {rate:0} ops/s, up to {report.Concurrency} in flight" : $"concurrency {report.Concurrency}") +
            $" on {report.Connections} connection(s), {report.PayloadSize}-byte payload, {report.DurationSeconds:0.#} s measured",
            $"  throughput  {report.OperationsPerSecond,10:0} ops/s   ({report.CallsPerSecond:0} calls/s, {report.Operations} ops)",
            $"  latency ms  p50 {l.P50:0.000}  p90 {l.P90:0.000}  p99 {l.P99:0.000}  p99.9 {l.P999:0.000}  max {l.Max:0.000}  mean {l.Mean:0.000}",
        };
        if (report.FellBehind) lines.Add($"  behind      {report.OperationsPerSecond:0} of {report.TargetRate:0} ops/s: the server or this generator did not keep up");
        lines.Add($"  client CPU  {report.ClientCpuMicrosecondsPerOperation:0} µs per op over {report.CompletedOperations} ops, {report.ClientGcPauseMilliseconds:0} ms paused by its GC (warm-up included)");
        if (report.Scenario == "pair") lines.Add($"  verified    {report.PairsVerified} secrets read back once, byte for byte (whole run, warm-up included)");
        lines.Add(report.Errors.Count == 0 ? "  errors      none" : "  errors");
        lines.AddRange(report.Errors.Select(e => $"    {e.Value,10}  {e.Key}"));
        return string.Join(Environment.NewLine, lines);
    }
}
