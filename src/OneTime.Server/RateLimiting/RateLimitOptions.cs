namespace OneTime.Server.RateLimiting;

/// <summary>Per-client budgets, bound from <c>OneTime:RateLimits</c>; a client is its network (<see cref="ClientNetwork"/>).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "OneTime:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Store calls: creating secrets costs storage, so the budget is the smaller one.</summary>
    public RateLimitBudget Create { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Retrieve, Exists, Burn and ConfirmRead calls (probing for ids is what a budget on reads slows down), and
    /// GetLimits, which every page load makes.
    /// </summary>
    public RateLimitBudget Read { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// IPv4 clients are counted per network of this many leading bits: 32 (the default) is one address.
    /// </summary>
    public int Ipv4PrefixLength { get; set; } = 32;

    /// <summary>
    /// IPv6 clients are counted per network of this many leading bits: 64 (the default) is the /64 one host is
    /// usually given, so a host cannot spread its calls over its addresses.
    /// </summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>Proxies whose X-Forwarded-For is believed (IP addresses); nobody else's is.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
