using System.Net;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

[Collection(GrpcServerCollection.Name)]
public sealed class GrpcCorsTests(GrpcServerFixture fixture)
{
    private const string DeniedOrigin = "https://denied.example";

    private readonly GrpcTestClient _client = fixture.Client;

    [Fact]
    public async Task Preflight_AllowedOrigin_Returns204WithPolicy()
    {
        // Act
        var response = await PreflightAsync(GrpcServerFixture.AllowedOrigin);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatus);
        Assert.Equal(GrpcServerFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("POST", response.Header("Access-Control-Allow-Methods"));
        var allowedHeaders = response.Header("Access-Control-Allow-Headers")!;
        foreach (var header in new[] { "content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding" })
        {
            Assert.Contains(header, allowedHeaders, StringComparison.Ordinal);
        }

        Assert.NotNull(response.Header("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Preflight_DeniedOrigin_Returns204WithoutCorsHeaders()
    {
        // Act
        var response = await PreflightAsync(DeniedOrigin);

        // Assert: ASP.NET Core's CORS answers every preflight; without the headers the browser refuses the call.
        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatus);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Call_AllowedOrigin_ExposesGrpcHeaders()
    {
        // Act
        var response = await CallFromAsync(GrpcServerFixture.AllowedOrigin);

        // Assert
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(GrpcServerFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
        var exposed = response.Header("Access-Control-Expose-Headers")!.Split(',');
        Assert.Contains("grpc-status", exposed);
        Assert.Contains("grpc-message", exposed);
        Assert.Contains("grpc-retry-pushback-ms", exposed);
    }

    [Fact]
    public async Task Call_DeniedOrigin_HasNoCorsHeaders()
    {
        // Act
        var response = await CallFromAsync(DeniedOrigin);

        // Assert
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Options_WithoutPreflightHeaders_PassesToNextMiddleware()
    {
        // Act
        var response = await _client.SendAsync(TestSecretService.StorePath, null, GrpcTestMode.GrpcWeb, r => r.Method = HttpMethod.Options);

        // Assert: no gRPC endpoint takes OPTIONS that is not a preflight.
        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
    }

    private Task<GrpcTestResponse> PreflightAsync(string origin) =>
        _client.SendAsync(TestSecretService.StorePath, null, GrpcTestMode.GrpcWeb, r =>
        {
            r.Method = HttpMethod.Options;
            r.Headers.TryAddWithoutValidation("Origin", origin);
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type,x-grpc-web");
        });

    private Task<GrpcTestResponse> CallFromAsync(string origin) =>
        _client.CallAsync(
            TestSecretService.StorePath,
            new StoreRequest(),
            GrpcTestMode.GrpcWeb,
            r => r.Headers.TryAddWithoutValidation("Origin", origin));
}
