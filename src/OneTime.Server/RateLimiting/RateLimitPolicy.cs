using System.Net;
using System.Threading.RateLimiting;

namespace OneTime.Server.RateLimiting;

/// <summary>Which budget a request spends, and the partitioned limiter that keeps one window per client address.</summary>
internal static class RateLimitPolicy
{
    public const string CreateBudget = "create";
    public const string ReadBudget = "read";

    private const string StorePath = "/onetime.v1.SecretService/Store";
    private const string RetrievePath = "/onetime.v1.SecretService/Retrieve";
    private const string ExistsPath = "/onetime.v1.SecretService/Exists";

    public static string? BudgetFor(PathString path) => path.Value switch
    {
        StorePath => CreateBudget,
        RetrievePath or ExistsPath => ReadBudget,
        _ => null,
    };

    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, (string Budget, string Client)>(context =>
        {
            var budget = BudgetFor(context.Request.Path);
            if (budget is null)
            {
                return RateLimitPartition.GetNoLimiter((string.Empty, string.Empty));
            }

            // RemoteIpAddress is the forwarded client only when the peer is a configured proxy (UseForwardedHeaders).
            var client = context.Connection.RemoteIpAddress is { } address ? Normalize(address) : "unknown";
            var limits = budget == CreateBudget ? options.Create : options.Read;
            return RateLimitPartition.GetFixedWindowLimiter((budget, client), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    // An IPv4 client on a dual-stack socket must share its budget with itself seen as IPv4.
    private static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
