using OneTime.Server.Storage;

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
        endpoints.MapGet(ReadinessPath, async (IStoreHealth store, HttpContext context) =>
            await store.PingAsync(context.RequestAborted)
                ? Results.Text("ready\n")
                : Results.Text("store unreachable\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
