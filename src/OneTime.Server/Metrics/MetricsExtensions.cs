using Microsoft.Extensions.Options;
using OneTime.Server.Grpc;

namespace OneTime.Server.Metrics;

internal static class MetricsExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddOneTimeMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "OneTime:Metrics:OtlpEndpoint must be an absolute URL, such as http://otel-collector:4317.")
            .Validate(o => o.OtlpExportInterval > TimeSpan.Zero && o.OtlpExportInterval.TotalMilliseconds <= int.MaxValue,
                "OneTime:Metrics:OtlpExportInterval must be a positive time span, such as 00:01:00.")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<OneTimeMetrics>();
        services.AddSingleton<IGrpcCallListener>(sp => sp.GetRequiredService<OneTimeMetrics>());
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService<OtlpMetricsExporter>();
        return services;
    }

    /// <summary>Starts collecting before the first call, and serves <c>/metrics</c> unless turned off.</summary>
    public static IEndpointRouteBuilder MapOneTimeMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.PrometheusEnabled)
        {
            var exporter = app.Services.GetRequiredService<PrometheusExporter>();
            app.MapGet(MetricsPath, () => Results.Text(exporter.Write(), PrometheusExporter.ContentType));
        }

        return app;
    }
}
