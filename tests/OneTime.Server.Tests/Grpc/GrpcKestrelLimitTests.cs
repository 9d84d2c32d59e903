using Google.Protobuf;
using Microsoft.Extensions.Logging;
using OneTime.Server.Grpc;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

public sealed class GrpcKestrelLimitTests
{
    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task Call_BodyPastKestrelLimit_ReturnsResourceExhaustedWithoutErrorLog(GrpcTestMode mode)
    {
        // Arrange: our limit is generous, Kestrel's body limit is not.
        var service = new TestSecretService();
        await using var host = await TestHost.StartAsync(
            services => services.AddGrpcServer(o => o.MaxReceiveMessageSize = 1024 * 1024),
            app => app.UseGrpcServices(service.Build()),
            kestrel => kestrel.Limits.MaxRequestBodySize = 1000);
        using var client = new GrpcTestClient(host);
        var request = new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[2000]) };

        // Act
        var response = await client.CallAsync(TestSecretService.StorePath, request, mode);

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
