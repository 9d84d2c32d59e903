using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using OneTime.Client;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// The C# client calling the proxy from a loopback address of its choosing (127.0.0.2, 127.0.0.3: Linux routes all
/// of 127.0.0.0/8 to lo), so the proxy sees distinct clients on one machine, and optionally sending an
/// X-Forwarded-For of its own, as a client trying to pass for someone else would.
/// </summary>
internal static class ClientAtAddress
{
    public static OneTimeClient Create(ReverseProxy proxy, IPAddress source, string transport, string? forwardedFor = null)
    {
        var handler = Handler(proxy, source, forwardedFor);
        return new OneTimeClient(new HttpClient(handler), new OneTimeClientOptions
        {
            BaseAddress = proxy.Uri,
            // Both transports call the proxy's one address; it routes by content type.
            ServiceAddress = proxy.Uri,
            Transport = transport == "grpc" ? OneTimeTransport.Grpc : OneTimeTransport.GrpcWeb,
            Timeout = TimeSpan.FromMinutes(1),
        });
    }

    public static HttpClient CreateHttp(ReverseProxy proxy, IPAddress source) => new(Handler(proxy, source, forwardedFor: null));

    /// An HTTP/2 client that counts the connections it opens.
    public static HttpClient CreateHttp2(ReverseProxy proxy, Action connecting) =>
        new(Handler(proxy, IPAddress.Loopback, forwardedFor: null, connecting))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    private static HttpMessageHandler Handler(ReverseProxy proxy, IPAddress source, string? forwardedFor, Action? connecting = null)
    {
        var sockets = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                connecting?.Invoke();
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || certificate?.GetCertHashString() == proxy.Certificate.Thumbprint,
            },
        };
        return forwardedFor is null ? sockets : new ForwardedForHeader(forwardedFor) { InnerHandler = sockets };
    }

    private sealed class ForwardedForHeader(string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
