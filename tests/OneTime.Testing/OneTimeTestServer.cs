using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneTime.Server;

namespace OneTime.Testing;

/// <summary>
/// The real server, composed exactly as <c>Program.cs</c> composes it, on a real Kestrel bound to free 127.0.0.1
/// ports: <see cref="WebUri"/> speaks HTTP/1.1 (gRPC-Web), <see cref="GrpcUri"/> HTTP/2 cleartext (gRPC),
/// <see cref="ManagementUri"/> HTTP/1.1 (<c>/metrics</c>).
/// </summary>
public sealed class OneTimeTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OneTimeTestServer(WebApplication app, Uri webUri, Uri grpcUri, Uri managementUri, TestLogSink logs)
    {
        _app = app;
        WebUri = webUri;
        GrpcUri = grpcUri;
        ManagementUri = managementUri;
        Logs = logs;
    }

    public Uri WebUri { get; }

    public Uri GrpcUri { get; }

    public Uri ManagementUri { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every entry the server logged, at every level, to check what never reaches a log.</summary>
    public TestLogSink Logs { get; }

    /// <param name="store">"memory" or "redis".</param>
    /// <param name="redisUrl">The Redis URL when <paramref name="store"/> is "redis".</param>
    /// <param name="settings">Further configuration, e.g. <c>["OneTime:MaxCiphertextBytes"] = "1024"</c>.</param>
    public static async Task<OneTimeTestServer> StartAsync(
        string store = "memory",
        string? redisUrl = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var config = new Dictionary<string, string?>
        {
            ["OneTime:Store"] = store,
            ["OneTime:Redis:Url"] = redisUrl,
            ["Kestrel:Endpoints:Web:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Management:Url"] = "http://127.0.0.1:0",
            // Tests make many calls from one address within seconds; rate limit tests set budgets of their own.
            ["OneTime:RateLimits:Create:PermitLimit"] = "1000000",
            ["OneTime:RateLimits:Read:PermitLimit"] = "1000000",
            // The same for the storage quota: a terabyte held for a day; quota tests set their own.
            ["OneTime:Quota:MaxBytes"] = "1099511627776",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        var logs = new TestLogSink();
        builder.Logging.AddProvider(logs);

        ListenOptions? web = null, grpc = null;
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(context.Configuration.GetSection("Kestrel"))
            .Endpoint("Web", endpoint => web = endpoint.ListenOptions)
            .Endpoint("Grpc", endpoint => grpc = endpoint.ListenOptions));

        builder.AddOneTimeServer();
        var app = builder.Build();
        app.MapOneTimeServer();
        await app.StartAsync();

        // Kestrel writes the port it bound back into each endpoint's ListenOptions. The server marks the Management
        // endpoint's connections through its own Endpoint("Management") callback, which a second one here would
        // replace: it is the one plain HTTP address left (OneTime:Tls adds an https one).
        var webUri = ToUri(web);
        var grpcUri = ToUri(grpc);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(address => new Uri(address)).ToList();
        var management = addresses.Single(uri => uri.Scheme == Uri.UriSchemeHttp && uri.Port != webUri.Port && uri.Port != grpcUri.Port);
        return new OneTimeTestServer(app, webUri, grpcUri, new Uri($"http://127.0.0.1:{management.Port}"), logs);
    }

    private static Uri ToUri(ListenOptions? listen) =>
        listen?.IPEndPoint is { } endpoint
            ? new Uri($"http://127.0.0.1:{endpoint.Port}")
            : throw new InvalidOperationException("The endpoint was not bound.");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
