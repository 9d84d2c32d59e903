namespace OneTime.Server.Metrics;

/// <summary>One label set of one instrument: a running sum, and for histograms the bucket counts.</summary>
internal sealed class MetricSeries(string labels, double[]? bounds)
{
    private readonly Lock _lock = new();
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length + 1];
    private double _sum;
    private long _count;

    /// <summary>Prometheus labels without braces, e.g. <c>method="/a.B/C",status="OK"</c>; empty for none.</summary>
    public string Labels { get; } = labels;

    public double[]? Bounds { get; } = bounds;

    public void Add(double value)
    {
        lock (_lock)
        {
            _sum += value;
            _count++;
            if (_buckets is not null)
            {
                var index = Array.BinarySearch(Bounds!, value);
                _buckets[index >= 0 ? index : ~index]++; // le is inclusive: a value equal to a bound is in its bucket
            }
        }
    }

    /// <summary>Replaces the sum with an observed total (observable counters report totals, not increments).</summary>
    public void Set(double total)
    {
        lock (_lock)
        {
            _sum = total;
            _count = 1;
        }
    }

    /// <summary>A consistent copy: the sum, the count and the per-bucket (not cumulative) counts.</summary>
    public (double Sum, long Count, long[]? Buckets) Snapshot()
    {
        lock (_lock)
        {
            return (_sum, _count, (long[]?)_buckets?.Clone());
        }
    }
}
