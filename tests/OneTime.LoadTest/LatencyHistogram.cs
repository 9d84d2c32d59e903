using System.Numerics;

namespace OneTime.LoadTest;

/// <summary>
/// A log-linear histogram in the manner of HdrHistogram: values below 2 × <see cref="SubBucketHalf"/> get a bucket
/// each; above, every power of two is split into <see cref="SubBucketHalf"/> equal buckets, so a recorded value is
/// known to within 1/<see cref="SubBucketHalf"/> (0.8%) of itself. Not thread-safe: one per worker, merged with
/// <see cref="Add"/>.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 8;
    private const int SubBucketHalfBits = SubBucketBits - 1;
    public const int SubBucketHalf = 1 << SubBucketHalfBits; // 128 buckets per power of two

    // Values up to 2^40 - 1 (18 minutes in nanoseconds); larger ones are counted in the last bucket, max stays exact.
    public const long HighestTrackableValue = (1L << 40) - 1;

    private readonly long[] _counts = new long[IndexOf(HighestTrackableValue) + 1];
    private decimal _sum; // exact however long the run

    public long TotalCount { get; private set; }

    public long Max { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public double Mean => TotalCount == 0 ? 0 : (double)_sum / TotalCount;

    public void Record(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        _counts[IndexOf(Math.Min(value, HighestTrackableValue))]++;
        TotalCount++;
        _sum += value;
        if (value > Max) Max = value;
        if (value < Min) Min = value;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        TotalCount += other.TotalCount;
        _sum += other._sum;
        Max = Math.Max(Max, other.Max);
        Min = Math.Min(Min, other.Min);
    }

    /// <summary>
    /// The smallest recorded value v such that at least <paramref name="percentile"/>% of values are ≤ v, reported
    /// as the highest value its bucket stands for (as HdrHistogram does) and never above the exact maximum.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0) return 0;
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        var target = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * TotalCount));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen < target) continue;
            // The last bucket also holds every value past the trackable range: only the exact maximum is known there.
            return i == _counts.Length - 1 ? Max : Math.Min(HighestEquivalentValue(i), Max);
        }

        return Max;
    }

    // Bucket b holds values whose top bit is SubBucketHalfBits + b; within it the top SubBucketBits bits pick the
    // sub-bucket. Index = b * half + (value >> b), continuous from the linear range below 2 * half.
    internal static int IndexOf(long value)
    {
        var topBit = 63 - BitOperations.LeadingZeroCount((ulong)value | 1);
        var shift = Math.Max(0, topBit - SubBucketHalfBits);
        return (shift << SubBucketHalfBits) + (int)(value >> shift);
    }

    internal static long LowestEquivalentValue(int index)
    {
        if (index < 2 * SubBucketHalf) return index;
        var shift = (index >> SubBucketHalfBits) - 1;
        var sub = index - (shift << SubBucketHalfBits);
        return (long)sub << shift;
    }

    internal static long HighestEquivalentValue(int index) => LowestEquivalentValue(index + 1) - 1;
}
