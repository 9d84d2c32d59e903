using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using OneTime.V1;

namespace OneTime.Soak;

/// <summary>
/// Two grpc-dotnet clients of the server: gRPC over HTTP/2 on its Grpc endpoint and gRPC-Web over HTTP/1.1 on its Web
/// endpoint. Each connection is dialled through a callback that reads the server's current port, so the clients follow
/// the server across restarts; no retries, so every failure is counted.
/// </summary>
internal sealed class SoakChannels : IDisposable
{
    private readonly GrpcChannel _grpc;
    private readonly GrpcChannel _web;

    public SoakChannels(Func<ServerPorts> ports)
    {
        _grpc = GrpcChannel.ForAddress("http://127.0.0.1", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = (_, token) => ConnectAsync(ports().Grpc, token),
                EnableMultipleHttp2Connections = true,
                UseProxy = false,
            },
        });
        _web = GrpcChannel.ForAddress("http://127.0.0.1", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new SocketsHttpHandler
            {
                ConnectCallback = (_, token) => ConnectAsync(ports().Web, token),
                MaxConnectionsPerServer = 64,
                UseProxy = false,
            }),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Grpc = new SecretService.SecretServiceClient(_grpc);
        Web = new SecretService.SecretServiceClient(_web);
    }

    public SecretService.SecretServiceClient Grpc { get; }

    public SecretService.SecretServiceClient Web { get; }

    public SecretService.SecretServiceClient For(bool web) => web ? Web : Grpc;

    private static async ValueTask<Stream> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Port 0 while the server restarts: refused, as a real client would be.
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port == 0 ? 1 : port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _grpc.Dispose();
        _web.Dispose();
    }
}
