using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace OneTime.Server.Metrics;

/// <summary>
/// Pushes the OneTime meter to an OTLP/gRPC collector when <see cref="MetricsOptions.OtlpEndpoint"/> is set; the
/// SDK's provider lives as long as the app and flushes once more when it stops. Without an endpoint the SDK's
/// assemblies are never loaded: only the methods below that name its types do.
/// </summary>
internal sealed class OtlpMetricsExporter(IOptions<MetricsOptions> options) : IHostedService, IDisposable
{
    private IDisposable? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.OtlpEndpoint))
        {
            _provider = CreateProvider(new Uri(settings.OtlpEndpoint), settings.OtlpExportInterval);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_provider is not null) Flush(_provider);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MeterProvider CreateProvider(Uri endpoint, TimeSpan exportInterval) =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(OneTimeMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)exportInterval.TotalMilliseconds;
            })
            .Build();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Flush(IDisposable provider) => ((MeterProvider)provider).ForceFlush(timeoutMilliseconds: 5000);
}
