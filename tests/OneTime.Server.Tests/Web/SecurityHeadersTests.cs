using System.Net;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Web;

/// <summary>Every answer carries the security headers, whoever wrote it; no gRPC answer may be cached.</summary>
public sealed class SecurityHeadersTests
{
    private static readonly Dictionary<string, string?> OneStorePerWindow = new()
    {
        ["OneTime:RateLimits:Create:PermitLimit"] = "1",
        ["OneTime:RateLimits:Create:Window"] = "00:10:00",
    };

    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWeb)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task RateLimitedCall_CarriesSecurityHeadersAndNoStore(GrpcTestMode mode)
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: OneStorePerWindow);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, mode);
        await calls.StoreNewAsync();

        var refused = await calls.StoreAsync(new StoreRequest { Ciphertext = Google.Protobuf.ByteString.CopyFrom(new byte[64]), AuthToken = SecretCalls.NewToken() });

        Assert.Equal(StatusCode.ResourceExhausted, refused.Status);
        AssertSecurityHeaders(refused.Header);
        Assert.Equal("no-store", refused.Header("Cache-Control"));
    }

    [Fact]
    public async Task RateLimitedPlainHttp_429_CarriesSecurityHeaders()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: OneStorePerWindow);
        using var http = new HttpClient { BaseAddress = server.WebUri };
        using var first = await http.PostAsync("/onetime.v1.SecretService/Store", new StringContent("{}"));

        using var refused = await http.PostAsync("/onetime.v1.SecretService/Store", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertSecurityHeaders(name => refused.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null);
    }

    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWeb)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task GrpcAnswers_OkAndNotFound_AreNoStoreWithSecurityHeaders(GrpcTestMode mode)
    {
        await using var server = await OneTimeTestServer.StartAsync();
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, mode);
        var secret = await calls.StoreNewAsync();

        var read = await calls.RetrieveAsync(secret);
        var gone = await calls.RetrieveAsync(secret); // trailers-only

        Assert.Equal(StatusCode.OK, read.Status);
        Assert.Equal(StatusCode.NotFound, gone.Status);
        foreach (var answer in new[] { read, gone })
        {
            Assert.Equal("no-store", answer.Header("Cache-Control"));
            AssertSecurityHeaders(answer.Header);
        }
    }

    private static void AssertSecurityHeaders(Func<string, string?> header)
    {
        Assert.Contains("default-src 'none'", header("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", header("Content-Security-Policy"));
        Assert.Equal("DENY", header("X-Frame-Options"));
        Assert.Equal("nosniff", header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", header("Referrer-Policy"));
    }
}
