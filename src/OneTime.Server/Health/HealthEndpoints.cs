using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneTime.Server.Health;

/// <summary>Plain HTTP probes for load balancers and orchestrators.</summary>
internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>
    /// <c>/healthz</c>: the process answers (200). <c>/readyz</c>: the store answers a ping right now (200), else 503,
    /// so traffic goes elsewhere while Redis is down but the process is not restarted for it.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LivenessPath, () => Results.Text("ok\n"));
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(
                    report.Status == HealthStatus.Healthy ? "ready\n" : "store unreachable\n", context.RequestAborted);
            },
        });
        return endpoints;
    }
}
