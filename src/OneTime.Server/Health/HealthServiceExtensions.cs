namespace OneTime.Server.Health;

internal static class HealthServiceExtensions
{
    /// <summary>Registers the store monitor (a hosted service) and the gRPC health service.</summary>
    public static IServiceCollection AddOneTimeHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero, "OneTime:Health:PollInterval must be a positive time span, such as 00:00:05.")
            .ValidateOnStart();
        services.AddSingleton<StoreHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreHealthMonitor>());
        services.AddSingleton<HealthService>();
        return services;
    }
}
