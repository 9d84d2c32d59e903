using System.Net;
using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

[Collection(GrpcServerCollection.Name)]
public sealed class GrpcUnaryCallTests(GrpcServerFixture fixture)
{
    private readonly GrpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Call_ValidRequest_ReturnsMessageThenOkTrailers()
    {
        // Arrange
        var request = new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("echo") };

        // Act
        var response = await _client.CallAsync(TestSecretService.StorePath, request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal("echo", response.Single(StoreResponse.Parser).Id);
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.False(response.IsTrailersOnly);
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    [InlineData("Application/GRPC+Proto")]
    public async Task Call_ContentTypeVariant_Succeeds(string contentType)
    {
        // Arrange
        var body = GrpcTestClient.Body(GrpcTestFrames.Frame(new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("x") }), GrpcTestMode.Grpc);

        // Act
        var response = await _client.SendAsync(
            TestSecretService.StorePath,
            body,
            configure: r => SetContentType(r, contentType));

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("x", response.Single(StoreResponse.Parser).Id);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Call_WrongContentType_Returns415(string contentType)
    {
        // Arrange
        var body = new ByteArrayContent(GrpcTestFrames.Frame(new StoreRequest()));

        // Act
        var response = await _client.SendAsync(
            TestSecretService.StorePath,
            body,
            configure: r => SetContentType(r, contentType));

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Call_GrpcOverHttp11_Returns426()
    {
        // Arrange
        var body = GrpcTestClient.Body(GrpcTestFrames.Frame(new StoreRequest()), GrpcTestMode.Grpc);

        // Act
        var response = await _client.SendAsync(
            TestSecretService.StorePath,
            body,
            GrpcTestMode.GrpcWeb,
            r => r.Content!.Headers.ContentType = new("application/grpc"));

        // Assert
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    [Fact]
    public async Task Call_GetMethod_PassesToNextMiddleware()
    {
        // Act
        var response = await _client.SendAsync(TestSecretService.StorePath, null, configure: r => r.Method = HttpMethod.Get);

        // Assert: gRPC endpoints take POST only.
        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
        Assert.Null(response.Status);
    }

    [Theory]
    [InlineData("/onetime.v1.SecretService/Nope")]
    [InlineData("/onetime.v1.Unknown/Store")]
    public async Task Call_UnknownMethodOrService_ReturnsUnimplementedTrailersOnly(string path)
    {
        // Act
        var response = await _client.CallAsync(path, new StoreRequest());

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.True(response.IsTrailersOnly);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Call_UnknownPathWithoutGrpcContentType_PassesToNextMiddleware()
    {
        // Act
        var response = await _client.SendAsync("/index.html", null, GrpcTestMode.GrpcWeb, r => r.Method = HttpMethod.Get);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
        Assert.Null(response.Status);
    }

    [Fact]
    public async Task Call_MessageSplitAtEveryByte_Succeeds()
    {
        // Arrange: every byte of the frame in its own DATA frame.
        var frame = GrpcTestFrames.Frame(new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("split") });
        var chunks = frame.Select(b => new[] { b });

        // Act
        var response = await _client.SendAsync(TestSecretService.StorePath, new ChunkedContent(chunks, TimeSpan.FromMilliseconds(1)));

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("split", response.Single(StoreResponse.Parser).Id);
    }

    private static void SetContentType(HttpRequestMessage request, string contentType)
    {
        request.Content!.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
    }
}
