using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests;

/// The client against a real in-process Kestrel serving a fake SecretService: request shape, one-time semantics,
/// both transports.
public sealed class OneTimeClientTests : IAsyncLifetime
{
    private readonly List<string> _tempFiles = [];
    private FakeSecretServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSecretServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var path in _tempFiles) File.Delete(path);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Text_StoresOnlyCiphertextAndReturnsFragmentLink()
    {
        var client = new OneTimeClient(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri });
        var before = DateTime.UtcNow;

        var link = await client.SendAsync("sk_live_abc123");

        Assert.StartsWith(_server.WebUri.AbsoluteUri + "s#1.", link.ToString());
        Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6));
        // The service's limits first, checked here, then the one upload.
        Assert.Equal(["/onetime.v1.SecretService/GetLimits", "/onetime.v1.SecretService/Store"], _server.Requests.Select(r => r.Path));
        var request = _server.Requests.Last();
        Assert.Equal("HTTP/1.1", request.Protocol);
        Assert.StartsWith("application/grpc-web", request.ContentType);
        // The 30-second default deadline, as the server understood the grpc-timeout it was sent.
        Assert.InRange(_server.Service.LastDeadline, before.AddSeconds(29), DateTime.UtcNow.AddSeconds(31));
        Assert.Equal(-1, _server.Service.StoredCiphertexts.Single().AsSpan().IndexOf("sk_live"u8));
    }

    [Fact]
    public async Task SendAsync_TypedHttpClientBaseAddressWithPath_CallsAndBuildsLinksUnderIt()
    {
        // The IHttpClientFactory shape, AddHttpClient<OneTimeClient>(c => c.BaseAddress = ...), behind a proxy prefix.
        var baseAddress = new Uri(_server.WebUri, "/onetime/");
        var client = new OneTimeClient(new HttpClient { BaseAddress = baseAddress });

        var link = await client.SendAsync("x");
        var secret = await client.ReadAsync(link.ToString());

        Assert.StartsWith(baseAddress.AbsoluteUri + "s#1.", link.ToString());
        Assert.Equal("x", secret.Text);
        Assert.All(_server.Requests, r => Assert.StartsWith("/onetime/onetime.v1.SecretService/", r.Path));
    }

    [Fact]
    public async Task SendAsync_CallersHttpClient_CarriesTheCallAndStaysUsable()
    {
        var httpClient = new HttpClient();
        httpClient.DefaultRequestHeaders.Add(FakeSecretServer.CallerHeader, "mine");
        var client = new OneTimeClient(httpClient, new OneTimeClientOptions { BaseAddress = _server.WebUri });

        await client.SendAsync("x");
        await client.SendAsync("y");

        Assert.All(_server.Requests, r => Assert.Equal("mine", r.CallerHeader));
        using var after = await httpClient.GetAsync(_server.WebUri); // not disposed by the client
        Assert.Equal(4, _server.Requests.Count); // GetLimits once (kept), two Stores, the GET
    }

    [Fact]
    public async Task ReadAsync_TwiceOneLink_SecondThrowsNotFound()
    {
        var client = WebClient();
        var link = await client.SendAsync("hunter2");

        var secret = await client.ReadAsync(link.ToString());

        Assert.Equal("hunter2", secret.Text);
        var e = await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link.ToString()));
        Assert.Equal(5, e.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_WrongPassphrase_NotFoundAndNothingBurned()
    {
        var client = WebClient();
        var link = (await client.SendAsync("s3cret", passphrase: "right")).ToString();

        Assert.True(OneTimeClient.RequiresPassphrase(link));
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link, "wrong"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadAsync(link));
        Assert.Equal("s3cret", (await client.ReadAsync(link, "right")).Text);
    }

    [Fact]
    public async Task ReadAsync_TamperedCiphertext_ThrowsDecryption()
    {
        _server.Service.Tamper = c => { var t = (byte[])c.Clone(); t[30] ^= 1; return t; };
        var client = WebClient();
        var link = await client.SendAsync("x");

        await Assert.ThrowsAsync<SecretDecryptionException>(() => client.ReadAsync(link.ToString()));
    }

    [Fact]
    public async Task ExistsAsync_ThenBurnAsync_ReportsGoneWithoutRetrieving()
    {
        var client = WebClient();
        var link = (await client.SendAsync(new byte[] { 1, 2, 3 })).ToString();

        Assert.True((await client.ExistsAsync(link)).Exists);
        await client.BurnAsync(link);
        var status = await client.ExistsAsync(link);

        Assert.False(status.Exists);
        Assert.Equal(SecretState.Gone, status.State);
        Assert.Null(status.ExpiresAt);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.BurnAsync(link));
        Assert.Equal(2, _server.Requests.Count(r => r.Path.EndsWith("/Burn", StringComparison.Ordinal)));
        Assert.DoesNotContain(_server.Requests, r => r.Path.EndsWith("/Retrieve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_NativeTransport_UsesHttp2AndServiceAddress()
    {
        var client = new OneTimeClient(new HttpClient(), new OneTimeClientOptions
        {
            BaseAddress = new Uri("https://onetime.example"),
            ServiceAddress = _server.GrpcUri,
            Transport = OneTimeTransport.Grpc,
        });
        var link = await client.SendFileAsync(WriteTempFile([9, 8, 7]));

        var secret = await client.ReadAsync(link.ToString());

        Assert.StartsWith("https://onetime.example/s#", link.ToString());
        Assert.Equal(new byte[] { 9, 8, 7 }, secret.Content.ToArray());
        Assert.Equal(4, _server.Requests.Count); // GetLimits, Store, Retrieve, ConfirmRead (the last view)
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal("HTTP/2", r.Protocol);
            Assert.Equal("application/grpc", r.ContentType);
            Assert.Equal(_server.GrpcUri.Port, r.Port);
        });
    }

    [Fact]
    public async Task ReadAsync_LinksOnManyServiceAddresses_EachReadFromItsOwn()
    {
        // More service addresses than one client keeps channels for: those past the limit work all the same.
        var links = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var sender = new OneTimeClient(new HttpClient { BaseAddress = new Uri(_server.WebUri, $"/p{i}/") });
            links.Add((await sender.SendAsync("n" + i)).ToString());
        }

        var reader = WebClient();
        var texts = new List<string?>();
        foreach (var link in links)
        {
            texts.Add((await reader.ReadAsync(link)).Text);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => "n" + i), texts);
        Assert.Equal(20, _server.Requests.Count(r => r.Path.EndsWith("/Retrieve", StringComparison.Ordinal)));
        // GetLimits, Store, Retrieve and ConfirmRead, each on its own service address.
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(4, _server.Requests.Count(r => r.Path.StartsWith($"/p{i}/", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task SendAsync_TtlOutOfRange_ThrowsBeforeCalling()
    {
        var client = WebClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SendAsync("x", TimeSpan.FromDays(31)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SendAsync("x", TimeSpan.FromSeconds(59)));
        Assert.Empty(_server.Service.StoreRequests);
    }

    [Fact]
    public async Task ReadAsync_InvalidLink_ThrowsInvalidLinkWithoutCalling()
    {
        var client = WebClient();

        await Assert.ThrowsAsync<InvalidLinkException>(() => client.ReadAsync(_server.WebUri.AbsoluteUri + "s#1.short.key"));
        Assert.Empty(_server.Requests);
    }

    private OneTimeClient WebClient() => new(new HttpClient { BaseAddress = _server.WebUri });

    private string WriteTempFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "onetime-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, content);
        _tempFiles.Add(path);
        return path;
    }
}
