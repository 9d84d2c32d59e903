namespace OneTime.LoadTest;

/// <summary>Latencies in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary From(LatencyHistogram histogram, double unitsPerMillisecond) => new(
        histogram.ValueAtPercentile(50) / unitsPerMillisecond,
        histogram.ValueAtPercentile(90) / unitsPerMillisecond,
        histogram.ValueAtPercentile(99) / unitsPerMillisecond,
        histogram.ValueAtPercentile(99.9) / unitsPerMillisecond,
        histogram.Max / unitsPerMillisecond,
        histogram.Mean / unitsPerMillisecond);
}
