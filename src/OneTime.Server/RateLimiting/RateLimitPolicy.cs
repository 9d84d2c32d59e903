using System.Threading.RateLimiting;

namespace OneTime.Server.RateLimiting;

/// <summary>Which budget a request spends, and the partitioned limiter that keeps one window per client network.</summary>
internal static class RateLimitPolicy
{
    public const string CreateBudget = "create";
    public const string ReadBudget = "read";

    private const string StorePath = "/onetime.v1.SecretService/Store";
    private const string RetrievePath = "/onetime.v1.SecretService/Retrieve";
    private const string ExistsPath = "/onetime.v1.SecretService/Exists";
    private const string BurnPath = "/onetime.v1.SecretService/Burn";
    private const string ConfirmReadPath = "/onetime.v1.SecretService/ConfirmRead";
    private const string GetLimitsPath = "/onetime.v1.SecretService/GetLimits";

    public static string? BudgetFor(PathString path) => path.Value switch
    {
        StorePath => CreateBudget,
        // Burn and ConfirmRead name a secret by id and token like the reads, so they spend their budget: otherwise
        // either would be a free way to probe ids. GetLimits names nothing and costs nothing, but every page load
        // calls it: it spends the read budget too, so that no path of the service is unmetered.
        RetrievePath or ExistsPath or BurnPath or ConfirmReadPath or GetLimitsPath => ReadBudget,
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

            var client = ClientNetwork.Of(context, options);
            var limits = budget == CreateBudget ? options.Create : options.Read;
            return RateLimitPartition.GetFixedWindowLimiter((budget, client), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
}
