using System.Diagnostics;
using OneTime.LoadTest;

namespace OneTime.LoadTest.Tests;

public class FixedRateScheduleTests
{
    [Fact]
    public void NextDue_SpacesOperationsByTheRate_AcrossThreads()
    {
        var schedule = new FixedRateSchedule(start: 1_000, operationsPerSecond: 1_000);
        var dues = new long[4_000];
        Parallel.For(0, dues.Length, i => dues[i] = schedule.NextDue());

        Array.Sort(dues);
        var tick = Stopwatch.Frequency / 1_000.0;
        for (var k = 0; k < dues.Length; k++) Assert.Equal(1_000 + (long)(k * tick), dues[k]);
    }

    [Fact]
    public async Task WaitUntilAsync_PastOrNow_ReturnsAtOnce()
    {
        var wait = FixedRateSchedule.WaitUntilAsync(Stopwatch.GetTimestamp() - Stopwatch.Frequency, CancellationToken.None);
        Assert.True(wait.IsCompleted);
        await wait;
    }

    [Fact]
    public async Task WaitUntilAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var wait = FixedRateSchedule.WaitUntilAsync(Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
    }
}
