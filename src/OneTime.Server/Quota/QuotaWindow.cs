namespace OneTime.Server.Quota;

/// <summary>The arithmetic both quota stores share: which window it is, and what a secret costs in it.</summary>
internal readonly struct QuotaWindow(QuotaOptions options, TimeProvider time)
{
    public long Limit => options.MaxBytes;

    public TimeSpan Length => options.Window;

    /// <summary>Windows are counted from the Unix epoch, so every server sharing a Redis agrees on the boundaries.</summary>
    public long Current => time.GetUtcNow().ToUnixTimeMilliseconds() / (long)options.Window.TotalMilliseconds;

    /// <summary>
    /// Bytes × time, in bytes held for one window. A secret shorter-lived than the window costs as if it lived the whole
    /// window: otherwise a client could hold the budget divided by the minimum TTL (1,440 × for a day and a minute), only
    /// briefly but over and over. With this floor, a client's holdings average at most <see cref="Limit"/>.
    /// </summary>
    public long CostOf(int bytes, TimeSpan timeToLive)
    {
        var held = timeToLive > options.Window ? timeToLive : options.Window;
        // Whole bytes × ticks overflows a long at 64 MiB for a year; a double's 53 bits are plenty for a quota.
        return (long)Math.Ceiling(bytes * (held.Ticks / (double)options.Window.Ticks));
    }
}
