using System.Diagnostics;
using OneTime.LoadTest;

namespace OneTime.LoadTest.Tests;

public class FixedRateScheduleTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1_000;

    [Fact]
    public void Release_HandsOutEveryOperationDueByNow_OnceInOrder()
    {
        var schedule = new FixedRateSchedule(start: 0, measureFrom: 0, measureTo: 1_000 * Millisecond, operationsPerSecond: 1_000);

        Assert.False(schedule.Release(now: 10 * Millisecond + Millisecond / 2));
        Assert.False(schedule.Release(now: 10 * Millisecond + Millisecond / 2));
        Assert.Equal(Enumerable.Range(0, 11).Select(k => k * Millisecond), Drain(schedule));

        // Past the end: the rest up to the last one due before it, and no more.
        Assert.True(schedule.Release(now: 5_000 * Millisecond));
        Assert.Equal(Enumerable.Range(11, 989).Select(k => k * Millisecond), Drain(schedule));
    }

    [Fact]
    public async Task RunAsync_DropsTheWarmupNobodyTook_AndCompletes()
    {
        var start = Stopwatch.GetTimestamp();
        var schedule = new FixedRateSchedule(start, start + 50 * Millisecond, start + 100 * Millisecond, operationsPerSecond: 1_000);

        await schedule.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        // Nobody took anything: the 50 warm-up operations were dropped, the 50 measured ones are all there.
        Assert.Equal(Enumerable.Range(50, 50).Select(k => start + k * Millisecond), Drain(schedule));
        Assert.True(schedule.Released.Completion.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_Cancelled_CompletesTheChannel()
    {
        var start = Stopwatch.GetTimestamp();
        var schedule = new FixedRateSchedule(start, start, start + 3_600 * Stopwatch.Frequency, operationsPerSecond: 10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await schedule.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromMinutes(1));

        Drain(schedule);
        await schedule.Released.Completion.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static List<long> Drain(FixedRateSchedule schedule)
    {
        var taken = new List<long>();
        while (schedule.Released.TryRead(out var due)) taken.Add(due);
        return taken;
    }
}
