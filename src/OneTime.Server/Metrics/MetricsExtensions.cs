using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace OneTime.Server.Metrics;

internal static class MetricsExtensions
{
    public const string MetricsPath = "/metrics";

    // Kestrel's connection and stream metrics (kestrel.active_connections, kestrel.connection.duration, ...).
    // grpc-dotnet 2.85 publishes no System.Diagnostics.Metrics meter (only the "Grpc.AspNetCore.Server" EventCounters,
    // which dotnet-counters reads): calls by method and status are the OneTime meter's onetime.rpc.server.duration.
    private const string KestrelMeterName = "Microsoft.AspNetCore.Server.Kestrel";
    private const string KestrelQueuedRequests = "kestrel.queued_requests";

    // The runtime's own meter (.NET 9 and later): thread-pool queue length and threads, GC heap and pauses, working set.
    // Observable instruments only, read when a scrape or an export asks, so it costs nothing per call.
    private const string RuntimeMeterName = "System.Runtime";

    /// <summary>One OpenTelemetry pipeline for the OneTime, Kestrel and runtime meters: Prometheus and/or OTLP, or nothing.</summary>
    public static WebApplicationBuilder AddOneTimeMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "OneTime:Metrics:OtlpEndpoint must be an absolute URL, such as http://otel-collector:4317.")
            .Validate(o => o.OtlpExportInterval > TimeSpan.Zero && o.OtlpExportInterval.TotalMilliseconds <= int.MaxValue,
                "OneTime:Metrics:OtlpExportInterval must be a positive time span, such as 00:01:00.")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<OneTimeMetrics>();

        // Which exporters run is decided here, from configuration, so that with neither no listener is attached.
        var settings = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = !string.IsNullOrEmpty(settings.OtlpEndpoint);
        if (!settings.PrometheusEnabled && !otlp) return builder;

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(OneTimeMetrics.MeterName, KestrelMeterName, RuntimeMeterName);
            // The one Kestrel instrument recorded on every request rather than every connection: requests waiting for
            // Kestrel to start them, which for HTTP/2 streams is nearly always zero. Dropped, Kestrel skips recording it
            // (about 3 µs of a Store and Retrieve under load, tests/PERFORMANCE.md).
            metrics.AddView(KestrelQueuedRequests, MetricStreamConfiguration.Drop);
            if (settings.PrometheusEnabled)
            {
                // A scrape answers from what was recorded up to that moment (the default caches it for 300 ms).
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            }

            if (otlp)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    // A bad value is left for ValidateOnStart to report by its setting's name.
                    if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint)) exporter.Endpoint = endpoint;
                    exporter.Protocol = OtlpExportProtocol.Grpc;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                        (int)Math.Clamp(settings.OtlpExportInterval.TotalMilliseconds, 1, int.MaxValue);
                });
            }
        });
        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> in the Prometheus text format unless turned off: on the Management endpoint, and on the
    /// others only when <see cref="MetricsOptions.ServeOnWebEndpoint"/> says so (elsewhere it is an unknown path).
    /// </summary>
    public static IApplicationBuilder UseOneTimeMetrics(this WebApplication app)
    {
        // The exporters subscribe to the meters when the MeterProvider is built; counters recorded before that are lost.
        if (app.Services.GetService<MeterProvider>() is not null)
        {
            app.Services.GetRequiredService<OneTimeMetrics>().RecordZeros();
        }

        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.PrometheusEnabled) return app;

        var anyEndpoint = options.ServeOnWebEndpoint;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath && (anyEndpoint || ManagementEndpoint.Accepted(context)),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }
}
