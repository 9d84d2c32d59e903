namespace OneTime.Server.Metrics;

/// <summary>Where metrics go, bound from <c>OneTime:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "OneTime:Metrics";

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>
    /// Also answer <c>/metrics</c> on the <c>Web</c> (and <c>Grpc</c>) endpoints. Off by default: it is served on the
    /// <c>Management</c> endpoint only, since counts of what the service did are for its operator, not the internet.
    /// </summary>
    public bool ServeOnWebEndpoint { get; set; }

    /// <summary>An OTLP/gRPC collector (e.g. <c>http://otel-collector:4317</c>) to push the meter to; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the meter is pushed to <see cref="OtlpEndpoint"/>.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}
