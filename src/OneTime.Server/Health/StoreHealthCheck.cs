using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneTime.Server.Storage;

namespace OneTime.Server.Health;

/// <summary>
/// The one health check: does the store answer a ping. It drives gRPC health (published every
/// <see cref="HealthOptions.PollInterval"/>) and answers <c>/readyz</c> (run on each request). A singleton, so that
/// it logs the changes, not every answer.
/// </summary>
internal sealed class StoreHealthCheck(IStoreHealth store, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    public const string Name = "store";

    private static readonly HealthCheckResult Reachable = HealthCheckResult.Healthy("The secret store answers.");
    private static readonly HealthCheckResult Unreachable = HealthCheckResult.Unhealthy("The secret store does not answer.");

    // 0 until the first answer, then 1 (reachable) or 2 (unreachable).
    private int _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reachable = await store.PingAsync(cancellationToken);
        var state = reachable ? 1 : 2;
        if (Interlocked.Exchange(ref _last, state) != state)
        {
            if (reachable) HealthLog.StoreReachable(logger);
            else HealthLog.StoreUnreachable(logger);
        }

        return reachable ? Reachable : Unreachable;
    }
}
