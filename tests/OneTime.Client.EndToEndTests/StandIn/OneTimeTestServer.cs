using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace OneTime.Testing;

/// A stand-in with the API of main's tests/OneTime.Testing (excluded from the build once that project exists):
/// a Kestrel host with an HTTP/1.1 gRPC-Web endpoint and an HTTP/2 cleartext endpoint, serving an in-memory
/// SecretService. It lets the client's sockets-level behaviour and the CLI be tested before the real server lands.
/// It has no Redis: store "redis" fails loudly rather than pretending.
public sealed class OneTimeTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OneTimeTestServer(WebApplication app, Uri webUri, Uri grpcUri)
    {
        _app = app;
        WebUri = webUri;
        GrpcUri = grpcUri;
    }

    public Uri WebUri { get; }

    public Uri GrpcUri { get; }

    public static async Task<OneTimeTestServer> StartAsync(
        string store = "memory", string? redisUrl = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (store != "memory")
        {
            throw new NotSupportedException($"The stand-in test server has no '{store}' store; merge main's OneTime.Testing.");
        }

        var (webPort, grpcPort) = (FreePort(), FreePort());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, webPort, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var service = new StandInSecretService();
        app.MapPost("/onetime.v1.SecretService/{method}", (HttpContext context, string method) => HandleAsync(context, method, service));
        await app.StartAsync();
        return new OneTimeTestServer(app, new Uri($"http://127.0.0.1:{webPort}"), new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, string method, StandInSecretService service)
    {
        var web = context.Request.ContentType?.StartsWith("application/grpc-web", StringComparison.Ordinal) ?? false;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = body.ToArray();
        var message = request.AsSpan(5, BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(1))).ToArray();
        var (status, response) = service.Handle(method, message);

        context.Response.ContentType = web ? "application/grpc-web+proto" : "application/grpc";
        if (status != 0)
        {
            // Trailers-only: the status goes in the headers.
            context.Response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        await context.Response.Body.WriteAsync(Frame(0x00, response!));
        if (web)
        {
            await context.Response.Body.WriteAsync(Frame(0x80, "grpc-status: 0\r\n"u8.ToArray()));
        }
        else
        {
            context.Response.AppendTrailer("grpc-status", "0");
        }
    }

    private static byte[] Frame(byte flags, byte[] message)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
