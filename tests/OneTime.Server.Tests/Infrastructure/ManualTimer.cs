namespace OneTime.Server.Tests.Infrastructure;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: fires (once per Advance at most) when the clock passes its due time.</summary>
internal sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    private DateTimeOffset? _due;
    private TimeSpan _period;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
        _period = period;
        return true;
    }

    public void FireIfDue(DateTimeOffset now)
    {
        if (_due is not { } due || now < due)
        {
            return;
        }

        _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
        callback(state);
    }

    public void Dispose()
    {
        _due = null;
        clock.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
