using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OneTime.Server.Grpc;
using OneTime.Server.Health;
using OneTime.Server.Metrics;
using OneTime.Server.RateLimiting;
using OneTime.Server.Reflection;
using OneTime.Server.Secrets;
using OneTime.Server.Storage;
using OneTime.Server.Tls;
using OneTime.Server.Web;

namespace OneTime.Server;

/// <summary>The server's composition: what <c>Program.cs</c> calls, and what in-process test hosts call too.</summary>
public static class OneTimeServerExtensions
{
    // Room in a Store request for everything besides the ciphertext: the token, the TTL and the field tags.
    private const int RequestOverheadBytes = 1024;

    public static WebApplicationBuilder AddOneTimeServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The slim host pins the console logger to the simple formatter; Logging:Console (FormatterName json in
        // docker-compose.yml) has the last word.
        services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        services.AddOptions<OneTimeOptions>()
            .BindConfiguration(OneTimeOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OneTimeOptions>, OneTimeOptionsValidator>();

        services.AddGrpcServer();
        services.AddOptions<GrpcServerOptions>().Configure<IOptions<OneTimeOptions>>((grpc, oneTime) =>
        {
            grpc.MaxReceiveMessageSize = oneTime.Value.MaxCiphertextBytes + RequestOverheadBytes;
            foreach (var origin in oneTime.Value.CorsAllowedOrigins) grpc.CorsAllowedOrigins.Add(origin);
        });

        services.AddSecretStore();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SecretService>();
        services.AddOneTimeHealth();
        builder.AddOneTimeTls();
        services.AddOneTimeRateLimiting();
        services.AddOneTimeMetrics();
        services.AddWebUi();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Many concurrent calls share a few HTTP/2 connections (service-to-service clients, load balancers).
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        return builder;
    }

    public static WebApplication MapOneTimeServer(this WebApplication app)
    {
        app.UseOneTimeHsts();
        app.UseOneTimeRateLimiting();
        // The UI answers only GET and HEAD of its own paths, so gRPC-Web POSTs still reach the gRPC layer.
        app.UseWebUi();
        app.UseGrpcServices(ReflectionServices.WithReflection(
            SecretService.CreateDefinition(app.Services.GetRequiredService<SecretService>()),
            HealthService.CreateDefinition(app.Services.GetRequiredService<HealthService>())));
        app.MapHealthEndpoints();
        app.MapOneTimeMetrics();
        return app;
    }
}
