using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

[Collection(GrpcServerCollection.Name)]
public sealed class GrpcRequestFramingTests(GrpcServerFixture fixture)
{
    private static readonly byte[] StoreFrame = GrpcTestFrames.Frame(new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("a") });

    private readonly GrpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Call_EmptyBody_ReturnsInternal()
    {
        // Act
        var response = await SendAsync([]);

        // Assert
        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task Call_TwoMessages_ReturnsInternal()
    {
        // Act
        var response = await SendAsync([.. StoreFrame, .. StoreFrame]);

        // Assert
        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Call_TruncatedFrame_ReturnsInternal()
    {
        // Act
        var response = await SendAsync(StoreFrame[..^1]);

        // Assert
        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Call_TruncatedHeader_ReturnsInternal()
    {
        // Act
        var response = await SendAsync([0x00, 0x00, 0x00]);

        // Assert
        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Call_MaxLengthPrefix_IsRefusedBeforeBuffering()
    {
        // Arrange: a prefix promising 4 GiB, followed by a few bytes.
        byte[] body = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];

        // Act
        var response = await SendAsync(body);

        // Assert: grpc-dotnet reads the prefix as a signed length and fails the call without waiting for 4 GiB.
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task Call_MessageOverLimit_ReturnsResourceExhausted()
    {
        // Arrange
        var request = new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[GrpcServerFixture.MaxReceiveMessageSize]) };

        // Act
        var response = await _client.CallAsync(TestSecretService.StorePath, request);

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }

    [Fact]
    public async Task Call_MalformedProtobuf_ReturnsUnknown()
    {
        // Arrange: field 1, length-delimited, claims 100 bytes but has 1.
        var body = GrpcTestFrames.Frame([0x0A, 100, 0x01]);

        // Act
        var response = await SendAsync(body);

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Equal("Exception was thrown by handler.", response.Message);
    }

    [Fact]
    public async Task Call_GzipRequest_Succeeds()
    {
        // Arrange
        var payload = new StoreRequest { Ciphertext = ByteString.CopyFromUtf8("zipped") }.ToByteArray();

        // Act
        var response = await SendAsync(GrpcTestFrames.GzipFrame(payload), "gzip");

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("zipped", response.Single(StoreResponse.Parser).Id);
        Assert.Null(response.Header("grpc-encoding"));
    }

    [Fact]
    public async Task Call_GzipInflatesPastLimit_ReturnsResourceExhausted()
    {
        // Arrange: compresses to a few bytes, inflates past the 1 KiB limit.
        var payload = new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[64 * 1024]) }.ToByteArray();

        // Act
        var response = await SendAsync(GrpcTestFrames.GzipFrame(payload), "gzip");

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }

    [Fact]
    public async Task Call_CorruptGzip_ReturnsUnknown()
    {
        // Act
        var response = await SendAsync(GrpcTestFrames.Frame([1, 2, 3, 4], flag: 0x01), "gzip");

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
    }

    [Fact]
    public async Task Call_UnknownEncoding_ReturnsUnimplementedWithAcceptEncoding()
    {
        // Arrange: a compressed message; an uncompressed one never needs the named encoding, and is read as it is.
        var body = GrpcTestFrames.GzipFrame(new StoreRequest().ToByteArray());

        // Act
        var response = await SendAsync(body, "br");

        // Assert
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal("identity,gzip", response.Header("grpc-accept-encoding"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    public async Task Call_CompressedFlagWithoutCompression_ReturnsInternal(string? encoding)
    {
        // Arrange
        var body = GrpcTestFrames.GzipFrame(new StoreRequest().ToByteArray());

        // Act
        var response = await SendAsync(body, encoding);

        // Assert
        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Call_IdentityEncoding_Succeeds()
    {
        // Act
        var response = await SendAsync(StoreFrame, "identity");

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
    }

    private Task<GrpcTestResponse> SendAsync(byte[] body, string? encoding = null) =>
        _client.SendAsync(
            TestSecretService.StorePath,
            new ByteArrayContent(body),
            configure: r =>
            {
                if (encoding is not null)
                {
                    r.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
                }
            });
}
