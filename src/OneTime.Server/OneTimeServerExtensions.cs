using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OneTime.Server.Health;
using OneTime.Server.Logging;
using OneTime.Server.Metrics;
using OneTime.Server.RateLimiting;
using OneTime.Server.Secrets;
using OneTime.Server.Storage;
using OneTime.Server.Tls;
using OneTime.Server.Web;

namespace OneTime.Server;

/// <summary>The server's composition: what <c>Program.cs</c> calls, and what in-process test hosts call too.</summary>
public static class OneTimeServerExtensions
{
    public static WebApplicationBuilder AddOneTimeServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The slim host pins the console logger to the simple formatter; Logging:Console (FormatterName json in
        // docker-compose.yml) has the last word.
        services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.Logging.EscapeConsoleMessages();
        services.AddOptions<OneTimeOptions>()
            .BindConfiguration(OneTimeOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OneTimeOptions>, OneTimeOptionsValidator>();
        // On SIGTERM the host stops Kestrel first: it stops accepting, sends HTTP/2 GOAWAY, closes idle HTTP/1.1
        // connections and waits for the requests in flight up to this timeout, then the store is disposed and the
        // process exits 0 (tests/soak restarts the server so under load). The host's own 30 s default is kept.
        services.AddOptions<HostOptions>().Configure<IOptions<OneTimeOptions>>(
            (host, oneTime) => host.ShutdownTimeout = oneTime.Value.ShutdownTimeout);

        services.AddSecretStore();
        services.AddSingleton(TimeProvider.System);
        services.AddOneTimeGrpc();
        services.AddOneTimeHealth();
        builder.AddOneTimeTls();
        services.AddOneTimeRateLimiting();
        builder.AddOneTimeMetrics();
        services.AddWebUi();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ManagementEndpoint.MarkConnections(kestrel);
            // Many concurrent calls share a few HTTP/2 connections (service-to-service clients, load balancers).
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            // grpc-dotnet's MaxReceiveMessageSize (MaxCiphertextBytes + 1 KiB) is the limit, answered RESOURCE_EXHAUSTED
            // before a message is buffered; Kestrel's 30 MB body limit would cut a larger allowed secret short, and
            // its failure is a bare UNKNOWN. Nothing else here reads a request body.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        return builder;
    }

    public static WebApplication MapOneTimeServer(this WebApplication app)
    {
        // Headers first, so that every answer carries them, the rate limiter's and the 404 page included.
        app.UseSecurityHeaders();
        app.UseOneTimeHsts();
        app.UseNotFoundPage();
        app.UseManagementEndpoint();
        app.UseOneTimeMetrics();
        // CORS before the limiter: it answers preflights, and a call the rate limiter refuses still carries the CORS
        // headers a page needs to read its status.
        app.UseGrpcWebCors();
        app.UseOneTimeRateLimiting();
        // The UI answers only GET and HEAD of its own paths, so gRPC-Web POSTs still reach grpc-dotnet.
        app.UseWebUi();
        app.UseOneTimeGrpcWeb();
        app.MapOneTimeGrpc();
        app.MapOneTimeHealth();
        app.MapVersion();
        return app;
    }
}
