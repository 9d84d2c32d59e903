using System.Net;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace OneTime.Client.Internal.Transport;

/// Builds the GrpcChannel for one service address: gRPC-Web or native gRPC, over the caller's HttpClient.
internal static class ServiceChannel
{
    // Our messages are small (the server caps ciphertext at 1 MiB); anything much larger is not a OneTime server.
    // grpc-dotnet's default is 4 MiB.
    public const int MaxResponseSize = 8 * 1024 * 1024;

    public static GrpcChannel Create(Uri address, HttpClient httpClient, OneTimeTransport transport)
    {
        var forwarder = new HttpClientForwarder(httpClient, address.AbsolutePath.TrimEnd('/'));
        var web = transport == OneTimeTransport.GrpcWeb;
        var options = new GrpcChannelOptions
        {
            // GrpcWebHandler frames gRPC-Web (PROTOCOL-WEB.md): trailers in the body, so any HTTP/1.1 proxy passes it.
            // Native gRPC keeps the channel's HTTP/2-only default: prior knowledge over cleartext, ALPN over TLS.
            HttpHandler = web ? new GrpcWebHandler(GrpcWebMode.GrpcWeb, forwarder) : forwarder,
            HttpVersion = web ? HttpVersion.Version11 : null,
            HttpVersionPolicy = web ? HttpVersionPolicy.RequestVersionOrLower : null,
            MaxReceiveMessageSize = MaxResponseSize,

            // The handlers wrap the caller's HttpClient, which is not ours to dispose.
            DisposeHttpClient = false,
        };

        // The channel speaks to the authority; the forwarder keeps the path.
        return GrpcChannel.ForAddress(new Uri(address.GetLeftPart(UriPartial.Authority)), options);
    }
}
