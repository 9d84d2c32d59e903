using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OneTime.Server.Health;

namespace OneTime.Server.Metrics;

/// <summary>
/// The third Kestrel endpoint, <c>Kestrel:Endpoints:Management</c> (HTTP/1.1, loopback by default): <c>/metrics</c>
/// for Prometheus and the health probes, off the internet-facing <c>Web</c> endpoint. A request is known to have come
/// in on it by a mark its connection gets when Kestrel accepts it, never by anything the client sends (a Host header
/// names any port it likes).
/// </summary>
internal static class ManagementEndpoint
{
    public const string Name = "Management";

    private static readonly object ConnectionMark = new();

    /// <summary>Marks the connections of the configured Management endpoint; nothing happens when there is none.</summary>
    public static void MarkConnections(KestrelServerOptions kestrel) =>
        kestrel.ConfigurationLoader?.Endpoint(Name, endpoint => endpoint.ListenOptions.Use(next => connection =>
        {
            connection.Items[ConnectionMark] = ConnectionMark;
            return next(connection);
        }));

    public static bool Accepted(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMark) == true;

    /// <summary>On the Management endpoint, only <c>/metrics</c> and the probes answer; the UI and gRPC-Web do not.</summary>
    public static IApplicationBuilder UseManagementEndpoint(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!Accepted(context) || IsManagementPath(context.Request.Path)) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    private static bool IsManagementPath(PathString path) =>
        path == MetricsExtensions.MetricsPath || path == HealthEndpoints.LivenessPath || path == HealthEndpoints.ReadinessPath;
}
