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
    public async Task SendAsync_InvalidArgumentNamingTheCiphertextLimit_ThrowsTooLargeWithTheLimit()
    {
        var client = Answering(3, "ciphertext must be 1 to 1048576 bytes.");

        var e = await Assert.ThrowsAsync<SecretTooLargeException>(() => client.SendAsync("x"));

        Assert.Equal(1048576, e.MaxCiphertextBytes);
        Assert.Contains("at most 1048576 bytes", e.Message);
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

    private static OneTimeClient Answering(int status, string message, params (string Name, string Value)[] headers) =>
        new(new HttpClient(new StubHandler((_, _) =>
        {
            // Trailers-only (PROTOCOL-HTTP2.md): the status in the headers, no body.
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");
            response.Headers.Add("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("grpc-message", Uri.EscapeDataString(message));
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        })));
}
