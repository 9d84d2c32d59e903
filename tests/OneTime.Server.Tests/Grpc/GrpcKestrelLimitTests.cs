using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
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

        // Assert: Kestrel's limit fails the read, which grpc-dotnet answers UNKNOWN; that is why the server lifts
        // Kestrel's limit and leaves the size to grpc-dotnet's RESOURCE_EXHAUSTED.
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Server_AsComposed_LeavesTheBodySizeToGrpc()
    {
        // Arrange
        await using var server = await OneTimeTestServer.StartAsync();

        // Act
        var kestrel = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        // Assert: no Kestrel body limit, so a secret up to MaxCiphertextBytes is never cut short with UNKNOWN.
        Assert.Null(kestrel.Limits.MaxRequestBodySize);
    }
}
