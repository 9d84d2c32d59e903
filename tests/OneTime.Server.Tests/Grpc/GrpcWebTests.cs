using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

[Collection(GrpcServerCollection.Name)]
public sealed class GrpcWebTests(GrpcServerFixture fixture)
{
    private readonly GrpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Call_GrpcWebOverHttp11_ReturnsMessageThenTrailersFrame()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.StorePath,
            new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("web") },
            GrpcTestMode.GrpcWeb);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc-web", response.ContentType);
        Assert.Equal("web", response.Single(StoreResponse.Parser).Id);
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.False(response.IsTrailersOnly);
    }

    [Fact]
    public async Task Call_GrpcWebBody_EndsWithExactTrailersFrame()
    {
        // Arrange
        using var request = _client.CreateRequest(
            TestSecretService.StorePath,
            GrpcTestClient.Body(GrpcTestFrames.Frame(new StoreRequest()), GrpcTestMode.GrpcWeb),
            GrpcTestMode.GrpcWeb);
        using var http = new HttpClient();

        // Act
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        byte[] trailers =
        [
            0x80, // trailers flag
            0x00, 0x00, 0x00, 0x10, // length = 16
            .. "grpc-status: 0\r\n"u8,
        ];
        Assert.Equal(trailers, body[^trailers.Length..]);
    }

    [Fact]
    public async Task Call_GrpcWebError_ReturnsStatusInHeaders()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.ExistsPath,
            new ExistsRequest { Id = TestSecretService.RpcErrorId },
            GrpcTestMode.GrpcWeb);

        // Assert
        Assert.Equal(StatusCode.NotFound, response.Status);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(TestSecretService.RpcErrorMessage, response.Message);
    }

    [Fact]
    public async Task Call_GrpcWebOverHttp2_Succeeds()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.StorePath,
            new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("h2") },
            GrpcTestMode.GrpcWeb,
            r =>
            {
                r.RequestUri = new Uri(fixture.Host.GrpcUri, TestSecretService.StorePath);
                r.Version = HttpVersion.Version20;
            });

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("h2", response.Single(StoreResponse.Parser).Id);
    }

    [Fact]
    public async Task Call_GrpcWebText_DecodesAndEncodesBase64()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.StorePath,
            new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("text mode") },
            GrpcTestMode.GrpcWebText);

        // Assert
        Assert.Equal("application/grpc-web-text", response.ContentType);
        Assert.Equal("text mode", response.Single(StoreResponse.Parser).Id);
        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Call_GrpcWebTextInPaddedChunks_IsRefused()
    {
        // Arrange: the frame cut into 1-, 2- and rest-byte pieces, each base64-encoded with its own padding, sent as
        // separate writes that also split the base64 text. grpc-dotnet decodes one base64 text, as grpc-web clients
        // send it, and fails a body with padding in its middle.
        var frame = GrpcTestFrames.Frame(new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("chunks") });
        var text = Convert.ToBase64String(frame[..1]) + Convert.ToBase64String(frame[1..3]) + Convert.ToBase64String(frame[3..]);
        var chunks = Encoding.ASCII.GetBytes(text).Chunk(3);

        // Act
        var response = await _client.SendAsync(
            TestSecretService.StorePath,
            new ChunkedContent(chunks),
            GrpcTestMode.GrpcWebText,
            r => r.Content!.Headers.ContentType = new("application/grpc-web-text"));

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Call_GrpcWebTextInvalidBase64_ReturnsUnknown()
    {
        // Act
        var response = await _client.SendAsync(
            TestSecretService.StorePath,
            new ByteArrayContent("AAAA*AAA"u8.ToArray()),
            GrpcTestMode.GrpcWebText);

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
    }

    [Fact]
    public async Task Call_GrpcWebTextError_ReturnsStatusInHeaders()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.ExistsPath,
            new ExistsRequest { Id = TestSecretService.ThrowId },
            GrpcTestMode.GrpcWebText);

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task Call_GrpcWebMessageOverLimit_ReturnsResourceExhausted()
    {
        // Arrange
        var request = new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[4 * GrpcServerFixture.MaxReceiveMessageSize]) };

        // Act
        var response = await _client.CallAsync(TestSecretService.StorePath, request, GrpcTestMode.GrpcWebText);

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }
}
