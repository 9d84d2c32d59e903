using System.Diagnostics;
using System.Threading.Channels;

namespace OneTime.LoadTest;

/// <summary>
/// Releases the operations of a fixed-rate run as they fall due, in <see cref="Stopwatch"/> ticks: operation k is due
/// at start + k / rate. One thread wakes about every millisecond and hands what has fallen due to whichever workers are
/// free, so pacing costs a thousand wake-ups a second at any rate rather than a timer per operation. When the measured
/// time begins, warm-up operations that no worker has taken yet are dropped, so a generator still warming up (JIT,
/// thread pool) leaves no backlog in the measurement. The last operation released is due before the end.
/// </summary>
internal sealed class FixedRateSchedule
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly Channel<long> _released = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly long _start;
    private readonly long _measureFrom;
    private readonly long _measureTo;
    private readonly double _ticksPerOperation;
    private long _next; // the next operation to release

    public FixedRateSchedule(long start, long measureFrom, long measureTo, double operationsPerSecond)
    {
        _start = start;
        _measureFrom = measureFrom;
        _measureTo = measureTo;
        _ticksPerOperation = Stopwatch.Frequency / operationsPerSecond;
    }

    /// <summary>Operations released and not yet taken: a worker takes one with TryRead, or waits.</summary>
    public ChannelReader<long> Released => _released.Reader;

    /// <summary>
    /// Releases operations until the last one due before the end, then completes <see cref="Released"/>. Runs on a
    /// thread of its own that sleeps a millisecond at a time (the thread pool's timers fire later and in bursts).
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.Factory.StartNew(
        () => Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken cancellationToken)
    {
        var dropped = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (!dropped && now >= _measureFrom)
                {
                    dropped = true;
                    while (_released.Reader.TryRead(out _))
                    {
                        // A warm-up operation nobody took in time.
                    }

                    while (Due(_next) < _measureFrom) _next++;
                }

                if (Release(now)) break;
                Thread.Sleep(Tick);
            }
        }
        finally
        {
            _released.Writer.TryComplete();
        }
    }

    /// <summary>Releases every operation due by <paramref name="now"/>; true once the last one is out.</summary>
    internal bool Release(long now)
    {
        for (var due = Due(_next); due <= now; due = Due(++_next))
        {
            if (due >= _measureTo) return true;
            _released.Writer.TryWrite(due);
        }

        return Due(_next) >= _measureTo;
    }

    private long Due(long k) => _start + (long)(k * _ticksPerOperation);
}
