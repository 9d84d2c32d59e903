using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneTime.Client.Tests.Fakes;

/// FakeSecretService on a real Kestrel on loopback, as the real server publishes it: gRPC-Web on an HTTP/1.1
/// endpoint (WebUri), native gRPC on an HTTP/2 cleartext one (GrpcUri). Also answers under any path prefix
/// (/onetime/onetime.v1.SecretService/Store), as behind a reverse proxy that publishes the service there.
internal sealed class FakeSecretServer : IAsyncDisposable
{
    public const string CallerHeader = "x-caller";
    private const string ServicePath = "/onetime.v1.SecretService/";

    private readonly WebApplication _app;

    private FakeSecretServer(WebApplication app, FakeSecretService service, ConcurrentQueue<RecordedRequest> requests, Uri webUri, Uri grpcUri)
    {
        _app = app;
        Requests = requests;
        Service = service;
        WebUri = webUri;
        GrpcUri = grpcUri;
    }

    public FakeSecretService Service { get; }

    public Uri WebUri { get; }

    public Uri GrpcUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; }

    public static async Task<FakeSecretServer> StartAsync()
    {
        ListenOptions? web = null;
        ListenOptions? grpc = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, l => (web = l).Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, l => (grpc = l).Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var service = new FakeSecretService();
        builder.Services.AddSingleton(service);

        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use((context, next) =>
        {
            var request = context.Request;
            requests.Enqueue(new RecordedRequest(
                request.Protocol, context.Connection.LocalPort, request.Path.Value ?? "", request.ContentType, request.Headers[CallerHeader]));

            // The proxy's part: strip whatever comes before the service name.
            var prefix = request.Path.Value?.IndexOf(ServicePath, StringComparison.Ordinal) ?? -1;
            if (prefix > 0)
            {
                request.Path = request.Path.Value![prefix..];
            }

            return next(context);
        });
        app.UseRouting(); // after the prefix is gone: WebApplication would otherwise route first
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<FakeSecretService>();
        await app.StartAsync();

        // Kestrel writes the ports it bound back into the listen options.
        return new FakeSecretServer(app, service, requests, Loopback(web!), Loopback(grpc!));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Uri Loopback(ListenOptions listen) => new($"http://127.0.0.1:{listen.IPEndPoint!.Port}/");
}
