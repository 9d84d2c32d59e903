namespace OneTime.Client.Internal.Transport;

/// The bottom of a channel's handler chain: hands each request to the caller's HttpClient, so its handlers,
/// default headers and connection pool carry every call. GrpcChannelOptions.HttpClient would take the HttpClient
/// directly, but gRPC-Web needs GrpcWebHandler between the channel and the wire, and an HttpClient's handler
/// chain is sealed once it is built; so the channel gets GrpcWebHandler over this handler instead. The HttpClient
/// belongs to the caller and is never disposed here.
internal sealed class HttpClientForwarder(HttpClient httpClient, string pathBase) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // grpc-dotnet sends to {scheme}://{authority}/{service}/{method} and ignores any path in the channel's
        // address; a service published under a prefix (https://host/onetime/) is reached by putting it back.
        if (pathBase.Length > 0 && request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(uri.GetLeftPart(UriPartial.Authority) + pathBase + uri.PathAndQuery);
        }

        // Headers only: the channel reads the body as a stream, under its own size limit. HttpClient's default
        // would first buffer the whole body.
        return httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
