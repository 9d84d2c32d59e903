using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace OneTime.Server.Metrics;

/// <summary>
/// Pushes the OneTime meter to an OTLP/gRPC collector when <see cref="MetricsOptions.OtlpEndpoint"/> is set; the
/// SDK's provider lives as long as the app and flushes once more when it stops.
/// </summary>
internal sealed class OtlpMetricsExporter(IOptions<MetricsOptions> options) : IHostedService, IDisposable
{
    private MeterProvider? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.OtlpEndpoint))
        {
            return Task.CompletedTask;
        }

        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(OneTimeMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(settings.OtlpEndpoint);
                exporter.Protocol = OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpExportInterval.TotalMilliseconds;
            })
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.ForceFlush(timeoutMilliseconds: 5000);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();
}
