namespace OneTime.Server.RateLimiting;

/// <summary>Per-client-address budgets, bound from <c>OneTime:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "OneTime:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Store calls: creating secrets costs storage, so the budget is the smaller one.</summary>
    public RateLimitBudget Create { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Retrieve and Exists calls: probing for ids is what a budget on reads slows down.</summary>
    public RateLimitBudget Read { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Proxies whose X-Forwarded-For is believed (IP addresses); nobody else's is.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
