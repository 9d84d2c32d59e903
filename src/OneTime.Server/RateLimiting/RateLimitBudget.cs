namespace OneTime.Server.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> calls per <see cref="Window"/> from one client address.</summary>
public sealed class RateLimitBudget
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
