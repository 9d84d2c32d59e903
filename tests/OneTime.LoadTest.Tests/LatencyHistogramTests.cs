using OneTime.LoadTest;

namespace OneTime.LoadTest.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void ValueAtPercentile_Empty_IsZero()
    {
        Assert.Equal(0, new LatencyHistogram().ValueAtPercentile(99));
    }

    [Fact]
    public void ValueAtPercentile_SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        for (var value = 1; value <= 100; value++) histogram.Record(value);

        Assert.Equal(50, histogram.ValueAtPercentile(50));
        Assert.Equal(90, histogram.ValueAtPercentile(90));
        Assert.Equal(99, histogram.ValueAtPercentile(99));
        Assert.Equal(100, histogram.ValueAtPercentile(100));
        Assert.Equal(1, histogram.Min);
        Assert.Equal(100, histogram.Max);
        Assert.Equal(50.5, histogram.Mean);
    }

    [Fact]
    public void ValueAtPercentile_LargeValues_WithinOnePart128()
    {
        // 1,000,000 values spread over 1 µs .. 1 s in nanoseconds.
        var histogram = new LatencyHistogram();
        var values = Enumerable.Range(1, 1_000_000).Select(i => (long)i * 1_000).ToArray();
        foreach (var value in values) histogram.Record(value);

        foreach (var percentile in new[] { 50.0, 90.0, 99.0, 99.9, 99.99 })
        {
            var exact = values[(int)Math.Ceiling(percentile / 100 * values.Length) - 1];
            var reported = histogram.ValueAtPercentile(percentile);
            Assert.InRange(reported, exact, exact + exact / LatencyHistogram.SubBucketHalf);
        }

        Assert.Equal(1_000_000_000, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void ValueAtPercentile_NeverAboveMax()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_001);

        Assert.Equal(1_000_001, histogram.ValueAtPercentile(50));
    }

    [Fact]
    public void IndexOf_BucketsAreContiguousAndCoverEveryValue()
    {
        // Walk bucket by bucket: each starts one past where the last ended, and maps back to itself.
        long expectedLow = 0;
        for (var index = 0; index <= LatencyHistogram.IndexOf(LatencyHistogram.HighestTrackableValue); index++)
        {
            var low = LatencyHistogram.LowestEquivalentValue(index);
            var high = LatencyHistogram.HighestEquivalentValue(index);
            Assert.Equal(expectedLow, low);
            Assert.Equal(index, LatencyHistogram.IndexOf(low));
            Assert.Equal(index, LatencyHistogram.IndexOf(high));
            Assert.True(high - low <= Math.Max(0, low / LatencyHistogram.SubBucketHalf), $"bucket {index} is too wide");
            expectedLow = high + 1;
        }
    }

    [Fact]
    public void Record_BeyondTrackableRange_KeepsExactMax()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(long.MaxValue / 2);

        Assert.Equal(1, histogram.TotalCount);
        Assert.Equal(long.MaxValue / 2, histogram.Max);
        Assert.Equal(long.MaxValue / 2, histogram.ValueAtPercentile(99));
    }

    [Fact]
    public void Add_MergesCountsAndExtremes()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(1_000);
        b.Record(5);

        a.Add(b);

        Assert.Equal(3, a.TotalCount);
        Assert.Equal(5, a.Min);
        Assert.Equal(1_000, a.Max);
        Assert.Equal(10, a.ValueAtPercentile(50));
    }
}
