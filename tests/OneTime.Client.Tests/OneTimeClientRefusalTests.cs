using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests;

/// The refusals a user must tell apart (rate limit, size, a full store, TLS), each its own exception type, read from
/// what the answer carries: trailers-only gRPC-Web answers as the server's rate limiter and grpc-dotnet write them.
public sealed class OneTimeClientRefusalTests
{
    private const string Link = "https://onetime.example/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8";

    [Fact]
    public async Task SendAsync_ResourceExhaustedWithPushback_ThrowsRateLimitedWithTheWait()
    {
        var client = Answering(8, "Rate limit exceeded", ("grpc-retry-pushback-ms", "42000"), ("retry-after", "42"));

        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.SendAsync("x"));

        Assert.Equal(TimeSpan.FromSeconds(42), e.RetryAfter);
        Assert.Equal("Rate limited: too many calls from this address; try again in 42 s.", e.Message);
    }

    [Fact]
    public async Task ReadAsync_ResourceExhaustedWithRetryAfterOnly_ThrowsRateLimited()
    {
        var client = Answering(8, "slow down", ("retry-after", "300"));

        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.ReadAsync(Link));

        Assert.Equal(TimeSpan.FromMinutes(5), e.RetryAfter);
        Assert.EndsWith("try again in 5 min.", e.Message);
    }

    [Fact]
    public async Task SendAsync_InvalidArgument_ThrowsInvalidRequestWithTheServersWords()
    {
        // The size limit is checked before sending now; the server's words are shown, not parsed.
        var client = Answering(3, "ciphertext must be 285 to 1048576 bytes.");

        var e = await Assert.ThrowsAsync<InvalidSecretRequestException>(() => client.SendAsync("x"));

        Assert.Equal(3, e.StatusCode);
        Assert.Equal("The service rejected the request (ciphertext must be 285 to 1048576 bytes).", e.Message);
    }

    [Fact]
    public async Task GetLimitsAsync_ServerWithoutGetLimits_TheDefaultsItShippedWith()
    {
        var client = Answering(3, "unused");

        var limits = await client.GetLimitsAsync();

        Assert.Equal(1024 * 1024, limits.MaxCiphertextBytes);
        Assert.Equal(TimeSpan.FromDays(7), limits.DefaultTtl);
        Assert.Equal(1, limits.MaxViews);
        Assert.Equal(0, limits.MaxWrongAttempts);
        Assert.False(limits.ReadReceipts);
    }

    [Fact]
    public async Task SendAsync_MessageSizeLimit_ThrowsTooLargeWithoutALimit()
    {
        var client = Answering(8, "Received message exceeds the maximum configured message size.");

        var e = await Assert.ThrowsAsync<SecretTooLargeException>(() => client.SendAsync("x"));

        Assert.Null(e.MaxCiphertextBytes);
    }

    [Fact]
    public async Task SendAsync_ResourceExhaustedOtherwise_ThrowsStoreFullWithTheServersWords()
    {
        var client = Answering(8, "The secret store is full; nothing was stored. Try again later.");

        var e = await Assert.ThrowsAsync<StoreFullException>(() => client.SendAsync("x"));

        Assert.Equal(8, e.StatusCode);
        Assert.Contains("(The secret store is full", e.Message);
    }

    [Theory]
    [InlineData("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch", "for another host name")]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", "not issued by a trusted")]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: NotTimeValid", "has expired")]
    [InlineData("Something else entirely", "the handshake failed (Something else entirely)")]
    public async Task ReadAsync_TlsCertificateRejected_ThrowsSecureConnectionNamingTheProblem(string platformMessage, string expected)
    {
        var failure = new HttpRequestException("The SSL connection could not be established", new AuthenticationException(platformMessage));
        var client = new OneTimeClient(new HttpClient(new StubHandler((_, _) => throw failure)));

        var e = await Assert.ThrowsAsync<SecureConnectionException>(() => client.ReadAsync(Link));

        Assert.StartsWith("TLS with https://onetime.example failed: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    /// Every call answered with this status, but GetLimits, which answers UNIMPLEMENTED as a server from before it
    /// would: the client then goes on with the old defaults, so the call under test is reached.
    private static OneTimeClient Answering(int status, string message, params (string Name, string Value)[] headers) =>
        new(new HttpClient(new StubHandler((request, _) =>
        {
            var getLimits = request.RequestUri!.AbsolutePath.EndsWith("/GetLimits", StringComparison.Ordinal);
            // Trailers-only (PROTOCOL-HTTP2.md): the status in the headers, no body.
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");
            if (getLimits)
            {
                response.Headers.Add("grpc-status", "12"); // UNIMPLEMENTED
                return Task.FromResult(response);
            }

            response.Headers.Add("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("grpc-message", Uri.EscapeDataString(message));
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        })));
}
