using System.Net;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests;

/// The client against an in-memory service: request shape, one-time semantics and error mapping, no sockets.
public sealed class OneTimeClientTests
{
    [Fact]
    public async Task SendAsync_Text_StoresOnlyCiphertextAndReturnsFragmentLink()
    {
        var service = new FakeSecretService();
        var client = new OneTimeClient(new HttpClient(service), new OneTimeClientOptions { BaseAddress = new Uri("https://onetime.example/") });

        var link = await client.SendAsync("sk_live_abc123");

        Assert.StartsWith("https://onetime.example/s#1.", link.ToString());
        Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6));
        var request = Assert.Single(service.Requests);
        Assert.Equal("https://onetime.example/onetime.v1.SecretService/Store", request.RequestUri!.AbsoluteUri);
        Assert.Equal("application/grpc-web+proto", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("30000m", request.Headers.GetValues("grpc-timeout").Single());
        Assert.Equal(-1, service.StoredCiphertexts.Single().AsSpan().IndexOf("sk_live"u8));
    }

    [Fact]
    public async Task SendAsync_TypedHttpClientBaseAddress_BuildsLinksOnIt()
    {
        // The IHttpClientFactory shape: AddHttpClient<OneTimeClient>(c => c.BaseAddress = ...).
        var service = new FakeSecretService();
        var client = new OneTimeClient(new HttpClient(service) { BaseAddress = new Uri("https://secrets.internal/onetime/") });

        var link = await client.SendAsync("x");

        Assert.StartsWith("https://secrets.internal/onetime/s#1.", link.ToString());
        Assert.Equal("/onetime/onetime.v1.SecretService/Store", service.Requests.Single().RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ReadAsync_TwiceOneLink_SecondThrowsNotFound()
    {
        var client = new OneTimeClient(new HttpClient(new FakeSecretService()));
        var link = await client.SendAsync("hunter2");

        var secret = await client.ReadAsync(link.ToString());

        Assert.Equal("hunter2", secret.Text);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link.ToString()));
    }

    [Fact]
    public async Task ReadAsync_WrongPassphrase_NotFoundAndNothingBurned()
    {
        var client = new OneTimeClient(new HttpClient(new FakeSecretService()));
        var link = (await client.SendAsync("s3cret", passphrase: "right")).ToString();

        Assert.True(OneTimeClient.RequiresPassphrase(link));
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link, "wrong"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadAsync(link));
        Assert.Equal("s3cret", (await client.ReadAsync(link, "right")).Text);
    }

    [Fact]
    public async Task ReadAsync_TamperedCiphertext_ThrowsDecryption()
    {
        var service = new FakeSecretService { Tamper = c => { var t = (byte[])c.Clone(); t[30] ^= 1; return t; } };
        var client = new OneTimeClient(new HttpClient(service));
        var link = await client.SendAsync("x");

        await Assert.ThrowsAsync<SecretDecryptionException>(() => client.ReadAsync(link.ToString()));
    }

    [Fact]
    public async Task ExistsAsync_ThenBurnAsync_ReportsGone()
    {
        var client = new OneTimeClient(new HttpClient(new FakeSecretService()));
        var link = (await client.SendAsync(new byte[] { 1, 2, 3 })).ToString();

        Assert.True((await client.ExistsAsync(link)).Exists);
        await client.BurnAsync(link);
        var status = await client.ExistsAsync(link);

        Assert.False(status.Exists);
        Assert.Null(status.ExpiresAt);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.BurnAsync(link));
    }

    [Fact]
    public async Task ReadAsync_NativeTransport_UsesHttp2ExactAndServiceAddress()
    {
        var service = new FakeSecretService(web: false);
        var client = new OneTimeClient(new HttpClient(service), new OneTimeClientOptions
        {
            BaseAddress = new Uri("http://localhost:5080"),
            ServiceAddress = new Uri("http://localhost:5081"),
            Transport = OneTimeTransport.Grpc,
        });
        var link = await client.SendFileAsync(WriteTempFile([9, 8, 7]));

        var secret = await client.ReadAsync(link.ToString());

        Assert.StartsWith("http://localhost:5080/s#", link.ToString());
        Assert.Equal(new byte[] { 9, 8, 7 }, secret.Content.ToArray());
        Assert.All(service.Requests, r =>
        {
            Assert.Equal(HttpVersion.Version20, r.Version);
            Assert.Equal(HttpVersionPolicy.RequestVersionExact, r.VersionPolicy);
            Assert.Equal("application/grpc", r.Content!.Headers.ContentType!.MediaType);
            Assert.Equal(5081, r.RequestUri!.Port);
        });
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ThrowsServiceUnavailable()
    {
        var client = new OneTimeClient(new HttpClient(new StubHandler((_, _) => throw new HttpRequestException("refused"))));

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(14, e.StatusCode);
    }

    [Fact]
    public async Task SendAsync_ServerHangsPastDeadline_ThrowsServiceUnavailableDeadline()
    {
        var handler = new StubHandler(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; });
        var client = new OneTimeClient(new HttpClient(handler), new OneTimeClientOptions { Timeout = TimeSpan.FromMilliseconds(100) });

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));

        Assert.Equal(4, e.StatusCode);
    }

    [Fact]
    public async Task SendAsync_Cancelled_ThrowsOperationCanceled()
    {
        var handler = new StubHandler(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; });
        var client = new OneTimeClient(new HttpClient(handler));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync("x", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task SendAsync_TtlOutOfRange_ThrowsBeforeCalling()
    {
        var service = new FakeSecretService();
        var client = new OneTimeClient(new HttpClient(service));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SendAsync("x", TimeSpan.FromDays(31)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SendAsync("x", TimeSpan.FromSeconds(59)));
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task ReadAsync_InvalidLink_ThrowsInvalidLinkWithoutCalling()
    {
        var service = new FakeSecretService();
        var client = new OneTimeClient(new HttpClient(service));

        await Assert.ThrowsAsync<InvalidLinkException>(() => client.ReadAsync("http://localhost:5080/s#1.short.key"));
        Assert.Empty(service.Requests);
    }

    private static string WriteTempFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "onetime-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, content);
        return path;
    }
}
