using OneTime.Testing;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>
/// A real Kestrel on 127.0.0.1 with two ephemeral ports: <see cref="GrpcUri"/> speaks HTTP/2 only (h2c with prior
/// knowledge, as gRPC clients do), <see cref="WebUri"/> speaks HTTP/1.1 only (browsers' gRPC-Web).
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri grpcUri, Uri webUri, TestLogSink logs)
    {
        _app = app;
        GrpcUri = grpcUri;
        WebUri = webUri;
        Logs = logs;
    }

    /// <summary>The HTTP/2-only endpoint.</summary>
    public Uri GrpcUri { get; }

    /// <summary>The HTTP/1.1-only endpoint.</summary>
    public Uri WebUri { get; }

    /// <summary>The application's services, for resolving what the test registered.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Every log entry the application wrote, for asserting what was (and was not) logged.</summary>
    public TestLogSink Logs { get; }

    public static async Task<TestHost> StartAsync(
        Action<IServiceCollection> configureServices,
        Action<IApplicationBuilder> configureApp,
        Action<KestrelServerOptions>? configureKestrel = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            configureKestrel?.Invoke(kestrel);
        });

        var logs = new TestLogSink();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        configureServices(builder.Services);

        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();

        // Kestrel reports the bound addresses in the order the endpoints were configured.
        var addresses = app.Services
            .GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.ToArray();
        return new TestHost(app, new Uri(addresses[0]), new Uri(addresses[1]), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
