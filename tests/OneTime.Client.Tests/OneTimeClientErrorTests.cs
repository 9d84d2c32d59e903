using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Grpc.Core;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests;

/// How failures reach callers: statuses the server sends, plain HTTP answers from proxies, connection failures,
/// deadlines and cancellation, each as the public exception (and status number) callers and the CLI rely on.
public sealed class OneTimeClientErrorTests
{
    [Theory]
    [InlineData(OneTimeTransport.GrpcWeb)]
    [InlineData(OneTimeTransport.Grpc)]
    public async Task SendAsync_ServerSaysUnavailable_ThrowsServiceUnavailableWithItsMessage(OneTimeTransport transport)
    {
        await using var server = await FakeSecretServer.StartAsync();
        server.Service.Failure = new Status(StatusCode.Unavailable, "redis down");

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => Client(server, transport).SendAsync("x"));

        Assert.Equal(14, e.StatusCode);
        Assert.Equal("The OneTime service is unavailable (redis down).", e.Message);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, typeof(InvalidSecretRequestException))]
    [InlineData(StatusCode.OutOfRange, typeof(InvalidSecretRequestException))]
    [InlineData(StatusCode.ResourceExhausted, typeof(StoreFullException))]
    [InlineData(StatusCode.DeadlineExceeded, typeof(ServiceUnavailableException))]
    [InlineData(StatusCode.PermissionDenied, typeof(OneTimeException))]
    public async Task SendAsync_ServerStatus_MapsToItsException(StatusCode status, Type expected)
    {
        await using var server = await FakeSecretServer.StartAsync();
        server.Service.Failure = new Status(status, "no");

        var e = await Assert.ThrowsAnyAsync<OneTimeException>(() => Client(server, OneTimeTransport.GrpcWeb).SendAsync("x"));

        Assert.IsType(expected, e);
        Assert.Equal((int)status, e.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_ResponseOverTheSizeLimit_ThrowsResourceExhausted()
    {
        await using var server = await FakeSecretServer.StartAsync();
        server.Service.Tamper = _ => new byte[9 * 1024 * 1024]; // above the client's 8 MiB limit
        var client = Client(server, OneTimeTransport.GrpcWeb);
        var link = await client.SendAsync("x");

        var e = await Assert.ThrowsAnyAsync<OneTimeException>(() => client.ReadAsync(link.ToString()));

        Assert.Equal((int)StatusCode.ResourceExhausted, e.StatusCode);
    }

    // A proxy's plain HTTP answer (doc/http-grpc-status-mapping.md, as grpc-dotnet applies it).
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(ServiceUnavailableException), StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, typeof(ServiceUnavailableException), StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(ServiceUnavailableException), StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.NotFound, typeof(OneTimeException), StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.Unauthorized, typeof(OneTimeException), StatusCode.Unauthenticated)]
    public async Task SendAsync_ProxyAnswersHttpError_MapsPerHttpGrpcStatusMapping(HttpStatusCode http, Type expected, StatusCode status)
    {
        var client = StubClient((_, _) => Task.FromResult(HtmlResponse(http)));

        var e = await Assert.ThrowsAnyAsync<OneTimeException>(() => client.SendAsync("x"));

        Assert.IsType(expected, e);
        Assert.Equal((int)status, e.StatusCode);
    }

    [Fact]
    public async Task SendAsync_OkButNotGrpc_ThrowsOneTimeException()
    {
        // A captive portal or a web server at the address. grpc-dotnet reports CANCELLED for a response that is
        // not gRPC; it is not the caller's cancellation, so it stays an error.
        var client = StubClient((_, _) => Task.FromResult(HtmlResponse(HttpStatusCode.OK)));

        var e = await Assert.ThrowsAsync<OneTimeException>(() => client.SendAsync("x"));

        Assert.Equal((int)StatusCode.Cancelled, e.StatusCode);
    }

    public static TheoryData<string, byte[]> MalformedBodies => new()
    {
        // 0x00 = message frame, then a 4-byte big-endian length that promises more than follows.
        { "truncated frame", [0x00, 0x00, 0x00, 0x00, 0x10, 0x0a, 0x01] },
        // 0x80 = gRPC-Web trailers frame (PROTOCOL-WEB.md), "grpc-status:0\r\n", and no message before it.
        { "OK without a message", [0x80, 0x00, 0x00, 0x00, 0x0f, .. "grpc-status:0\r\n"u8] },
        // An empty message frame, then the body ends without trailers.
        { "no status", [0x00, 0x00, 0x00, 0x00, 0x00] },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task ExistsAsync_MalformedGrpcWebResponse_ThrowsOneTimeExceptionWithStatus(string what, byte[] body)
    {
        var client = StubClient((_, _) =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });

        var e = await Assert.ThrowsAnyAsync<OneTimeException>(
            () => client.ExistsAsync("http://localhost:5080/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8"));

        Assert.True(e.StatusCode is not null, what);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ThrowsServiceUnavailableNamingOnlyTheHost()
    {
        var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        var client = StubClient((_, _) => throw refused);

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(14, e.StatusCode);
        Assert.Equal("The OneTime service is unavailable (cannot connect to http://localhost:5080).", e.Message);
    }

    [Fact]
    public async Task SendAsync_ServerClosedTheConnectionOnShutdown_ThrowsServiceUnavailable()
    {
        // What SocketsHttpHandler throws for a call queued on a connection the server closed after GOAWAY(NO_ERROR).
        const string closed = "The HTTP/2 server closed the connection. HTTP/2 error code 'NO_ERROR' (0x0).";
        var goAway = new HttpRequestException(HttpRequestError.HttpProtocolError, closed, new HttpProtocolException(0, closed, null));
        var client = StubClient((_, _) => throw goAway);

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(14, e.StatusCode);
        Assert.Equal("The OneTime service is unavailable (http://localhost:5080 closed the connection; try again).", e.Message);
    }

    [Fact]
    public async Task SendAsync_StreamResetWithProtocolError_KeepsInternal()
    {
        const string reset = "The HTTP/2 server reset the stream. HTTP/2 error code 'PROTOCOL_ERROR' (0x1).";
        var client = StubClient((_, _) => throw new HttpRequestException(HttpRequestError.HttpProtocolError, reset, new HttpProtocolException(1, reset, null)));

        var e = await Assert.ThrowsAsync<OneTimeException>(() => client.SendAsync("x"));

        Assert.Equal(13, e.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_ConnectionFailureWithoutAuthenticationError_ThrowsServiceUnavailable()
    {
        // HttpClient's failures without a socket error underneath (here a TLS handshake) are INTERNAL to grpc-dotnet.
        var client = StubClient((_, _) => throw new HttpRequestException("The SSL connection could not be established"));

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(
            () => client.ReadAsync("https://onetime.example/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8"));

        Assert.Equal("The OneTime service is unavailable (cannot connect to https://onetime.example).", e.Message);
    }

    [Fact]
    public async Task SendAsync_ServerHangsPastDeadline_ThrowsServiceUnavailableDeadline()
    {
        var client = StubClient(Hang, new OneTimeClientOptions { Timeout = TimeSpan.FromMilliseconds(100) });

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(4, e.StatusCode);
    }

    [Fact]
    public async Task SendAsync_HttpClientTimeoutFirst_ThrowsServiceUnavailableDeadline()
    {
        var client = new OneTimeClient(new HttpClient(new StubHandler(Hang)) { Timeout = TimeSpan.FromMilliseconds(100) });

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(4, e.StatusCode);
    }

    [Fact]
    public async Task SendAsync_Cancelled_ThrowsOperationCanceled()
    {
        var client = StubClient(Hang);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync("x", cancellationToken: cts.Token));

        Assert.Equal(cts.Token, e.CancellationToken);
    }

    private static OneTimeClient Client(FakeSecretServer server, OneTimeTransport transport) =>
        new(new HttpClient(), new OneTimeClientOptions
        {
            BaseAddress = server.WebUri,
            ServiceAddress = transport == OneTimeTransport.Grpc ? server.GrpcUri : null,
            Transport = transport,
        });

    private static OneTimeClient StubClient(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, OneTimeClientOptions? options = null) =>
        new(new HttpClient(new StubHandler(respond)), options ?? new OneTimeClientOptions());

    private static async Task<HttpResponseMessage> Hang(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    private static HttpResponseMessage HtmlResponse(HttpStatusCode status)
    {
        var content = new StringContent("<html>proxy says no</html>");
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        return new HttpResponseMessage(status) { Content = content };
    }
}
