using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using OneTime.Client;
using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// nginx and Caddy, configured by the shipped files, in front of the server process configured by the shipped unit:
/// gRPC and gRPC-Web through TLS at the proxy, the page with its headers, rate limits keyed on the address the proxy
/// saw, and a gRPC answer (not an HTML page) when the server is down.
/// </summary>
public sealed class ReverseProxyTests
{
    private const int LargestCiphertext = 1024 * 1024; // OneTime:MaxCiphertextBytes, the default in appsettings.json

    public static TheoryData<string, string> ProxiesAndProtocols() => new()
    {
        { ReverseProxy.Nginx, "grpc" },
        { ReverseProxy.Nginx, "grpcweb" },
        { ReverseProxy.Caddy, "grpc" },
        { ReverseProxy.Caddy, "grpcweb" },
    };

    [Theory]
    [MemberData(nameof(ProxiesAndProtocols))]
    public async Task BufCurl_LargestSecretThroughProxy_IsReadOnce(string kind, string protocol)
    {
        // Arrange: the largest secret the server allows, so the proxy's body limits and buffering are in play both ways.
        using var service = await OneTimeService.StartAsync();
        using var proxy = await ReverseProxy.StartAsync(kind, service.WebPort, service.GrpcPort);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ciphertext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(LargestCiphertext));

        // Act
        using var stored = await BufCurlAsync(proxy, protocol, "Store", $$"""{"ciphertext":"{{ciphertext}}","authToken":"{{token}}","ttl":"600s"}""");
        var key = $$"""{"id":"{{stored.RootElement.GetProperty("id").GetString()}}","authToken":"{{token}}"}""";
        using var read = await BufCurlAsync(proxy, protocol, "Retrieve", key);
        var again = await RunBufCurlAsync(proxy, protocol, "Retrieve", key);

        // Assert
        Assert.Equal(ciphertext, read.RootElement.GetProperty("ciphertext").GetString());
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("\"not_found\"", again.StandardError);
    }

    [Theory]
    [MemberData(nameof(ReverseProxy.Kinds), MemberType = typeof(ReverseProxy))]
    public async Task BufCurl_ReflectionThroughProxy_ListsTheServices(string kind)
    {
        // Reflection is a bidirectional stream: the proxy must carry HTTP/2 streaming both ways, not just unary calls.
        using var service = await OneTimeService.StartAsync();
        using var proxy = await ReverseProxy.StartAsync(kind, service.WebPort, service.GrpcPort);

        var result = await ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"),
            ["curl", "--protocol", "grpc", "--cacert", proxy.Certificate.CertificatePath, "--list-methods", proxy.Uri.ToString()]);

        Assert.True(result.ExitCode == 0, $"buf curl --list-methods: {result}\nproxy: {proxy.Output}");
        Assert.Contains("onetime.v1.SecretService/Store", result.StandardOutput);
        Assert.Contains("grpc.health.v1.Health/Watch", result.StandardOutput);
    }

    [Fact]
    public async Task Http2_ManyRequestsThroughNginx_ShareOneConnection()
    {
        // A gRPC client sends every call on one HTTP/2 connection; nginx's default keepalive_requests (1000) would end
        // it with GOAWAY after 1000, and a call sent as the GOAWAY arrives fails. nginx answers /metrics itself (404),
        // so the count is the client's connection alone.
        using var service = await OneTimeService.StartAsync();
        using var proxy = await ReverseProxy.StartAsync(ReverseProxy.Nginx, service.WebPort, service.GrpcPort);
        var connections = 0;
        using var http = ClientAtAddress.CreateHttp2(proxy, () => Interlocked.Increment(ref connections));

        for (var i = 0; i < 1500; i++)
        {
            using var response = await http.GetAsync(new Uri(proxy.Uri, "/metrics"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
        }

        Assert.Equal(1, connections);
    }

    [Theory]
    [MemberData(nameof(ReverseProxy.Kinds), MemberType = typeof(ReverseProxy))]
    public async Task Get_PageThroughProxy_HasItsCspAndOneHsts(string kind)
    {
        using var service = await OneTimeService.StartAsync();
        using var proxy = await ReverseProxy.StartAsync(kind, service.WebPort, service.GrpcPort);
        using var http = ClientAtAddress.CreateHttp(proxy, IPAddress.Loopback);

        using var page = await http.GetAsync(proxy.Uri);
        using var metrics = await http.GetAsync(new Uri(proxy.Uri, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        // The server sends HSTS because it believed the proxy's X-Forwarded-Proto; the proxy adds no second one.
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProxiesAndProtocols))]
    public async Task Store_OverBudgetThroughProxy_RefusesThatClientOnly(string kind, string protocol)
    {
        // Arrange: two secrets per client address, in a window far longer than the test.
        using var service = await OneTimeService.StartAsync(new Dictionary<string, string>
        {
            ["OneTime__RateLimits__Create__PermitLimit"] = "2",
            ["OneTime__RateLimits__Create__Window"] = "00:10:00",
        });
        using var proxy = await ReverseProxy.StartAsync(kind, service.WebPort, service.GrpcPort);
        var first = IPAddress.Parse("127.0.0.2");
        var second = IPAddress.Parse("127.0.0.3");
        var client = ClientAtAddress.Create(proxy, first, protocol);
        await client.SendAsync("one");
        await client.SendAsync("two");

        // Act
        var refused = await Assert.ThrowsAsync<RateLimitedException>(() => client.SendAsync("three"));
        // The same client claiming to forward for someone else: nginx appends the address it saw, Caddy replaces the
        // header, and the server believes only the proxy's last entry.
        var spoofing = ClientAtAddress.Create(proxy, first, protocol, forwardedFor: "198.51.100.7");
        var stillRefused = await Assert.ThrowsAsync<RateLimitedException>(() => spoofing.SendAsync("four"));
        // Another client behind the same proxy: the server would refuse it too if it keyed on the proxy's address.
        var other = await ClientAtAddress.Create(proxy, second, protocol).SendAsync("five");

        // Assert
        Assert.Equal((int)StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal((int)StatusCode.ResourceExhausted, stillRefused.StatusCode);
        Assert.NotNull(other);
    }

    [Theory]
    [MemberData(nameof(ReverseProxy.Kinds), MemberType = typeof(ReverseProxy))]
    public async Task BufCurl_ServerDownBehindProxy_IsUnavailableInGrpc(string kind)
    {
        // Nothing listens on the ports the proxy forwards to, and nothing can start to while the test runs.
        using var web = new ClosedPort();
        using var grpc = new ClosedPort();
        using var proxy = await ReverseProxy.StartAsync(kind, web.Port, grpc.Port);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var result = await RunBufCurlAsync(proxy, "grpc", "Store", $$"""{"ciphertext":"aGVsbG8=","authToken":"{{token}}"}""");

        // The proxy's own gRPC answer, not an HTML 502 that a client could only guess at ("HTTP status 502").
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("\"unavailable\"", result.StandardError);
        Assert.Contains("The OneTime server is unavailable behind the proxy.", result.StandardError);
    }

    private static async Task<JsonDocument> BufCurlAsync(ReverseProxy proxy, string protocol, string method, string json)
    {
        var result = await RunBufCurlAsync(proxy, protocol, method, json);
        Assert.True(result.ExitCode == 0, $"buf curl {method}: {result}\nproxy: {proxy.Output}");
        return JsonDocument.Parse(result.StandardOutput);
    }

    // The request goes in a file (-d @file): a 1 MiB secret is too long for a command line.
    private static async Task<ProcessResult> RunBufCurlAsync(ReverseProxy proxy, string protocol, string method, string json)
    {
        var request = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(request, json);
            return await ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"),
                ["curl", "--schema", RepositoryPaths.Root, "--protocol", protocol, "--cacert", proxy.Certificate.CertificatePath,
                 "-d", "@" + request, new Uri(proxy.Uri, $"/onetime.v1.SecretService/{method}").ToString()]);
        }
        finally
        {
            File.Delete(request);
        }
    }
}
