using OneTime.Testing;
using System.Net;
using System.Net.Sockets;

namespace OneTime.Client.EndToEndTests;

/// The library against the real server (main's OneTime.Testing), on both transports and both stores.
public sealed class RoundTripTests
{
    public static TheoryData<string, string> Cases => ServerFixture.StoresAndTransports();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendThenRead_Text_ReadsOnceThenNotFound(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);

        var link = await client.SendAsync("sk_live_abc123", TimeSpan.FromMinutes(5));
        var secret = await client.ReadAsync(link.ToString());

        Assert.StartsWith(server.WebUri.AbsoluteUri + "s#1.", link.ToString());
        Assert.Equal("sk_live_abc123", secret.Text);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendThenRead_EmptySecrets_TheSmallestEnvelopesAreAccepted(string store, string transport)
    {
        // An empty text or file pads to the smallest bucket, 285 bytes of envelope: the least the server accepts.
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);

        var text = await client.SendAsync(string.Empty);
        var file = await client.SendAsync(OneTimeSecret.FromFile(ReadOnlyMemory<byte>.Empty));

        Assert.Equal(string.Empty, (await client.ReadAsync(text.ToString())).Text);
        Assert.Equal(0, (await client.ReadAsync(file.ToString())).Content.Length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendThenRead_BinaryFile_ByteExact(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var data = new byte[200 * 1024];
        Random.Shared.NextBytes(data);

        var link = await client.SendAsync(OneTimeSecret.FromFile(data, "dump.bin", "application/octet-stream"));
        var secret = await client.ReadAsync(link.ToString());

        Assert.True(secret.IsFile);
        Assert.Equal("dump.bin", secret.FileName);
        Assert.Equal(data, secret.Content.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadAsync_WrongPassphrase_NotFoundAndSecretSurvives(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync("db-password", passphrase: "right horse")).ToString();

        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link, "wrong horse"));

        Assert.True((await client.ExistsAsync(link, "right horse")).Exists);
        Assert.Equal("db-password", (await client.ReadAsync(link, "right horse")).Text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadAsync_TamperedCiphertext_ThrowsDecryption(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var sender = ServerFixture.Client(server, transport, new TamperingHandler());
        var link = await sender.SendAsync("do not trust me");

        await Assert.ThrowsAsync<SecretDecryptionException>(() => ServerFixture.Client(server, transport).ReadAsync(link.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadAsync_64InParallel_ExactlyOneSucceeds(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync("only once")).ToString();

        var reads = Enumerable.Range(0, 64).Select(async _ =>
        {
            try
            {
                return (await client.ReadAsync(link)).Text;
            }
            catch (SecretNotFoundException)
            {
                return null;
            }
        });
        var results = await Task.WhenAll(reads);

        Assert.Equal("only once", Assert.Single(results, r => r is not null));
        Assert.Equal(63, results.Count(r => r is null));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExistsThenBurn_ReportsExpiryThenGone(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = await client.SendAsync("burn me", TimeSpan.FromHours(1));

        var before = await client.ExistsAsync(link.ToString());
        await client.BurnAsync(link.ToString());
        var after = await client.ExistsAsync(link.ToString());

        Assert.True(before.Exists);
        Assert.InRange(before.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.False(after.Exists);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link.ToString()));
    }

    [Theory]
    [InlineData(ServerFixture.Web)]
    [InlineData(ServerFixture.Grpc)]
    public async Task SendAsync_ServerDown_ThrowsServiceUnavailable(string transport)
    {
        using var port = new ClosedPort(); // refuses connections, and nothing else can take it meanwhile
        var closed = new Uri($"http://127.0.0.1:{port.Port}");
        var client = new OneTimeClient(new HttpClient(), new OneTimeClientOptions
        {
            BaseAddress = closed,
            Transport = transport == ServerFixture.Grpc ? OneTimeTransport.Grpc : OneTimeTransport.GrpcWeb,
        });

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SendAsync("x"));
    }

}
