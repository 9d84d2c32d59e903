using System.Diagnostics;

namespace OneTime.LoadTest;

/// <summary>
/// The due times of a fixed-rate run: operation k (counted from 0 across all workers) is due at
/// start + k / rate, in <see cref="Stopwatch"/> ticks. Thread-safe.
/// </summary>
internal sealed class FixedRateSchedule(long start, double operationsPerSecond)
{
    // Timers fire on whole milliseconds at best: shorter waits are not slept, the operation just starts early.
    private static readonly long MinimumSleep = LoadRunner.ToTicks(TimeSpan.FromMilliseconds(1));

    private readonly double _ticksPerOperation = Stopwatch.Frequency / operationsPerSecond;
    private long _next = -1;

    /// <summary>Takes the next operation and returns when it is due.</summary>
    public long NextDue() => start + (long)(Interlocked.Increment(ref _next) * _ticksPerOperation);

    public static async ValueTask WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        var wait = due - Stopwatch.GetTimestamp();
        if (wait >= MinimumSleep)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Floor(wait * 1000.0 / Stopwatch.Frequency)), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
