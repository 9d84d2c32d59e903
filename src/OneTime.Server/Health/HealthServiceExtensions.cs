using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OneTime.Server.Web;

namespace OneTime.Server.Health;

internal static class HealthServiceExtensions
{
    /// <summary>The services grpc.health.v1 answers for: the server as a whole, and the secret service.</summary>
    private static readonly string[] ServiceNames = ["", "onetime.v1.SecretService"];

    /// <summary>
    /// grpc.health.v1.Health (grpc/grpc doc/health-checking.md) from Grpc.AspNetCore.HealthChecks, over the one
    /// <see cref="StoreHealthCheck"/>: SERVING while the store answers, NOT_SERVING while it does not.
    /// </summary>
    public static IServiceCollection AddOneTimeHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .Validate(o => o.PollInterval >= HealthOptions.MinPollInterval,
                "OneTime:Health:PollInterval must be at least one second, such as 00:00:05.")
            .ValidateOnStart();
        services.AddSingleton<StoreHealthCheck>();
        services.AddGrpcHealthChecks(grpc =>
            {
                // Check and Watch answer from the last published poll, so a health probe never touches the store.
                grpc.UseHealthChecksCache = true;
                foreach (var name in ServiceNames) grpc.Services.Map(name, _ => true);
            })
            .Add(new HealthCheckRegistration(StoreHealthCheck.Name, sp => sp.GetRequiredService<StoreHealthCheck>(),
                HealthStatus.Unhealthy, tags: null));
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<HealthOptions>>((publisher, health) =>
        {
            // The first poll at start-up rather than after the default 5 s, then one every PollInterval.
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = health.Value.PollInterval;
        });
        return services;
    }

    /// <summary>The gRPC health service and the HTTP probes (<see cref="HealthEndpoints"/>).</summary>
    public static WebApplication MapOneTimeHealth(this WebApplication app)
    {
        // Until the first poll has answered, both services are UNKNOWN (not NOT_FOUND, which would say "no such service").
        var health = app.Services.GetRequiredService<HealthServiceImpl>();
        foreach (var name in ServiceNames) health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.Unknown);
        app.MapGrpcHealthChecksService().RequireGrpcWebCors();
        app.MapHealthEndpoints();
        return app;
    }
}
