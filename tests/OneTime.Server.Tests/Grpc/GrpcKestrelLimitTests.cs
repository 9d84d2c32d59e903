using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

public sealed class GrpcKestrelLimitTests
{
    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task Call_BodyPastKestrelLimit_IsRefused(GrpcTestMode mode)
    {
        // Arrange: our limit is generous, Kestrel's body limit is not.
        var service = new TestSecretService();
        await using var host = await GrpcServerFixture.StartHostAsync(service, maxCiphertextBytes: 1024 * 1024,
            kestrel => kestrel.Limits.MaxRequestBodySize = 1000);
        using var client = new GrpcTestClient(host);
        var request = new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[2000]) };

        // Act
        var response = await client.CallAsync(TestSecretService.StorePath, request, mode);

        // Assert
        // Assert: Kestrel's limit fails the read, which grpc-dotnet answers UNKNOWN; that is why the server lifts
        // Kestrel's limit and leaves the size to grpc-dotnet's RESOURCE_EXHAUSTED.
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Empty(response.Messages);
    }
}
