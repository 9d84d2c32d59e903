using OneTime.Testing;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

[Collection(GrpcServerCollection.Name)]
public sealed class GrpcStatusTests(GrpcServerFixture fixture)
{
    private readonly GrpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Call_HandlerThrowsRpcException_ReturnsItsStatusAndPercentEncodedMessage()
    {
        // Act
        var response = await _client.CallAsync(TestSecretService.ExistsPath, new ExistsRequest { Id = TestSecretService.RpcErrorId });

        // Assert
        Assert.Equal(StatusCode.NotFound, response.Status);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("not here: 100%25 %E2%9C%93", response.RawMessage);
        Assert.Equal(TestSecretService.RpcErrorMessage, response.Message);
    }

    [Fact]
    public async Task Call_HandlerThrows_ReturnsGenericUnknownAndLogsDetails()
    {
        // Act
        var response = await _client.CallAsync(TestSecretService.ExistsPath, new ExistsRequest { Id = TestSecretService.ThrowId });

        // Assert
        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Equal("Exception was thrown by handler.", response.Message);
        Assert.Contains(fixture.Host.Logs.Entries, e =>
            e.Level == LogLevel.Error && e.Exception?.Message == TestSecretService.SensitiveDetail);
    }

    [Fact]
    public async Task Call_DeadlinePasses_ReturnsDeadlineExceededAndCancelsHandler()
    {
        // Arrange
        fixture.Service.ResetSignals();

        // Act
        var response = await _client.CallAsync(
            TestSecretService.RetrievePath,
            new RetrieveRequest { Id = TestSecretService.WaitId },
            configure: r => r.Headers.TryAddWithoutValidation("grpc-timeout", "100m"));

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        await fixture.Service.RetrieveCancelled.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Call_DeadlineNotReached_Succeeds()
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.RetrievePath,
            new RetrieveRequest { Id = "quick" },
            configure: r => r.Headers.TryAddWithoutValidation("grpc-timeout", "10S"));

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("quick", response.Single(RetrieveResponse.Parser).Ciphertext.ToStringUtf8());
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("10x")]
    public async Task Call_MalformedTimeout_IsIgnored(string timeout)
    {
        // Act
        var response = await _client.CallAsync(
            TestSecretService.StorePath,
            new StoreRequest(),
            configure: r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        // Assert: grpc-dotnet runs a call whose grpc-timeout it cannot read without a deadline.
        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Call_ClientGoesAway_CancelsHandlerWithoutErrorLog()
    {
        // Arrange
        fixture.Service.ResetSignals();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.CallAsync(
            TestSecretService.RetrievePath,
            new RetrieveRequest { Id = TestSecretService.WaitId },
            cancellationToken: cancellation.Token));
        await fixture.Service.RetrieveCancelled.WaitAsync(TimeSpan.FromMinutes(1));

        // Assert: the server ends the call quietly, with an information entry and nothing louder.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!fixture.Host.Logs.Entries.Any(IsCancelledEntry) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains(fixture.Host.Logs.Entries, IsCancelledEntry);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e =>
            e.Level >= LogLevel.Warning && e.Message.Contains("Retrieve", StringComparison.Ordinal));
    }

    private static bool IsCancelledEntry(TestLogEntry entry) =>
        entry.Level == LogLevel.Information && entry.Message.Contains("Retrieve' canceled", StringComparison.Ordinal);
}
