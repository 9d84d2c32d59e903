using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OneTime.Client.Internal.Grpc;
using OneTime.Client.Tests.Fakes;
using OneTime.V1;

namespace OneTime.Client.Tests.Grpc;

public sealed class GrpcResponseDecoderTests
{
    private static readonly byte[] OkTrailers = FakeSecretService.Frame(0x80, "grpc-status: 0\r\n"u8.ToArray());

    [Fact]
    public void Decode_WebMessageThenTrailerFrame_ReturnsMessage()
    {
        var body = Concat(FakeSecretService.Frame(0x00, new ExistsResponse { Exists = true }.ToByteArray()), OkTrailers);

        var result = GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), body, ExistsResponse.Parser, web: true);

        Assert.True(result.Exists);
    }

    [Fact]
    public void Decode_WebTrailersOnlyNotFound_ThrowsSecretNotFound()
    {
        var response = Response("application/grpc-web+proto");
        response.Headers.Add("grpc-status", "5");

        Assert.Throws<SecretNotFoundException>(() => GrpcResponseDecoder.Decode(response, [], ExistsResponse.Parser, web: true));
    }

    [Fact]
    public void Decode_WebTrailerFrameUnavailable_ThrowsServiceUnavailableWithDecodedMessage()
    {
        var body = FakeSecretService.Frame(0x80, "grpc-status: 14\r\ngrpc-message: redis%20down\r\n"u8.ToArray());

        var e = Assert.Throws<ServiceUnavailableException>(
            () => GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), body, ExistsResponse.Parser, web: true));

        Assert.Equal(14, e.StatusCode);
        Assert.Contains("redis down", e.Message);
    }

    [Fact]
    public void Decode_NativeStatusInTrailingHeaders_ThrowsInvalidRequest()
    {
        var response = Response("application/grpc");
        response.TrailingHeaders.Add("grpc-status", "3");

        var e = Assert.Throws<InvalidSecretRequestException>(() => GrpcResponseDecoder.Decode(response, [], StoreResponse.Parser, web: false));

        Assert.Equal(3, e.StatusCode);
    }

    [Fact]
    public void Decode_NativeMessageWithOkTrailers_ReturnsMessage()
    {
        var response = Response("application/grpc");
        response.TrailingHeaders.Add("grpc-status", "0");
        var body = FakeSecretService.Frame(0x00, new StoreResponse { Id = "x" }.ToByteArray());

        Assert.Equal("x", GrpcResponseDecoder.Decode(response, body, StoreResponse.Parser, web: false).Id);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.BadGateway, typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.NotFound, typeof(OneTimeException))]
    public void Decode_HttpError_MapsPerHttpGrpcStatusMapping(HttpStatusCode status, Type expected)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };

        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(response, [], ExistsResponse.Parser, web: true));

        Assert.IsType(expected, e);
    }

    [Fact]
    public void Decode_NotGrpcContentType_ThrowsUnknown()
    {
        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(Response("text/html"), [], ExistsResponse.Parser, web: true));

        Assert.Equal((int)GrpcStatusCode.Unknown, e.StatusCode);
    }

    [Fact]
    public void Decode_MissingStatus_ThrowsInternal()
    {
        var body = FakeSecretService.Frame(0x00, new ExistsResponse().ToByteArray());

        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), body, ExistsResponse.Parser, web: true));

        Assert.Equal((int)GrpcStatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public void Decode_CompressedFrame_ThrowsInternal()
    {
        var body = Concat(FakeSecretService.Frame(0x01, [0x00]), OkTrailers);

        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), body, ExistsResponse.Parser, web: true));

        Assert.Equal((int)GrpcStatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public void Decode_TruncatedFrame_ThrowsInternal()
    {
        var body = FakeSecretService.Frame(0x00, new StoreResponse { Id = "abc" }.ToByteArray())[..^1];

        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), body, StoreResponse.Parser, web: true));

        Assert.Equal((int)GrpcStatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public void Decode_OkWithoutMessage_ThrowsInternal()
    {
        var e = Assert.ThrowsAny<OneTimeException>(() => GrpcResponseDecoder.Decode(Response("application/grpc-web+proto"), OkTrailers, StoreResponse.Parser, web: true));

        Assert.Equal((int)GrpcStatusCode.Internal, e.StatusCode);
    }

    private static HttpResponseMessage Response(string contentType)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
}
