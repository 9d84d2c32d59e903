using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace OneTime.Client.Internal.Grpc;

/// A unary gRPC call over HttpClient. gRPC-Web and native gRPC share everything but the content-type, the HTTP
/// version and where the trailers arrive (a 0x80 body frame vs HTTP/2 trailing HEADERS).
internal sealed class GrpcUnaryCaller(HttpClient httpClient, bool web, TimeSpan timeout)
{
    public const string ServiceName = "onetime.v1.SecretService";

    public async Task<TResponse> CallAsync<TResponse>(
        Uri address, string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        using var httpRequest = CreateRequest(address, method, request);

        // The deadline is enforced here too: a server that ignores grpc-timeout must not hang the caller.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await httpClient.SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            var body = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
            return GrpcResponseDecoder.Decode(response, body, parser, web);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.DeadlineExceeded, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Unavailable, "cannot connect to " + address.GetLeftPart(UriPartial.Authority), e);
        }
    }

    private HttpRequestMessage CreateRequest(Uri address, string method, IMessage request)
    {
        var uri = new Uri(address.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + ServiceName + "/" + method);
        var content = new ByteArrayContent(GrpcFrame.Write(request));
        content.Headers.ContentType = new MediaTypeHeaderValue(web ? GrpcProtocol.GrpcWebContentType : GrpcProtocol.GrpcContentType);
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        httpRequest.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        if (web)
        {
            // HTTP/1.1 or whatever a proxy in between speaks; the body carries the trailers.
            httpRequest.Headers.TryAddWithoutValidation("x-grpc-web", "1");
            httpRequest.Headers.Accept.ParseAdd(GrpcProtocol.GrpcWebContentType);
        }
        else
        {
            // HTTP/2 only: prior knowledge over cleartext, ALPN over TLS. Never downgrade, trailers need HTTP/2.
            httpRequest.Version = HttpVersion.Version20;
            httpRequest.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            httpRequest.Headers.TE.ParseAdd("trailers");
        }

        return httpRequest;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > GrpcProtocol.MaxResponseSize)
            {
                throw GrpcStatusMapping.ToException(GrpcStatusCode.ResourceExhausted, "response too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
