using System.Net;
using OneTime.Testing;

namespace OneTime.Server.Tests.Metrics;

/// <summary>/metrics answers on the Management endpoint, not on the internet-facing Web one unless asked.</summary>
[Collection(MetricsCollection.Name)]
public sealed class ManagementEndpointTests : IDisposable
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Metrics_OnManagementOnly_ByDefault()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        using var management = await _http.GetAsync(new Uri(server.ManagementUri, "/metrics"));
        using var web = await _http.GetAsync(new Uri(server.WebUri, "/metrics"));
        // A Host header naming the Management port changes nothing: the connection is what counts.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(server.WebUri, "/metrics"));
        spoofed.Headers.Host = $"127.0.0.1:{server.ManagementUri.Port}";
        using var spoofedAnswer = await _http.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, web.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofedAnswer.StatusCode);
    }

    [Fact]
    public async Task Metrics_OnWebToo_WhenTheOperatorAsks()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:Metrics:ServeOnWebEndpoint"] = "true",
        });

        using var web = await _http.GetAsync(new Uri(server.WebUri, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Contains("onetime_secrets_stored_total", await web.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/readyz", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.NotFound)]
    [InlineData("/version", HttpStatusCode.NotFound)]
    public async Task Management_AnswersProbesButNotThePages(string path, HttpStatusCode expected)
    {
        await using var server = await OneTimeTestServer.StartAsync();

        using var response = await _http.GetAsync(new Uri(server.ManagementUri, path));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Management_DoesNotServeGrpcWeb()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        using var frame = new ByteArrayContent([0x00, 0x00, 0x00, 0x00, 0x00]); // an empty message in one frame
        frame.Headers.ContentType = new("application/grpc-web+proto");

        using var response = await _http.PostAsync(new Uri(server.ManagementUri, "/onetime.v1.SecretService/Exists"), frame);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_FreshServer_ShowsEveryCounterAtZero()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var text = await _http.GetStringAsync(new Uri(server.ManagementUri, "/metrics"));
        var lines = text.Split('\n').Select(line => line.Replace("otel_scope_name=\"OneTime\"", "").Replace("{}", "").Replace("{,", "{")).ToArray();

        foreach (var counter in new[] { "onetime_secrets_stored_total", "onetime_secrets_stored_bytes_total", "onetime_secrets_read_total", "onetime_secrets_read_bytes_total", "onetime_secrets_not_found_total" })
        {
            Assert.Contains($"{counter} 0", lines);
        }

        foreach (var reason in new[] { "invalid_argument", "resource_exhausted", "rate_limited" })
        {
            Assert.Contains($"onetime_requests_rejected_total{{reason=\"{reason}\"}} 0", lines);
        }
    }

    public void Dispose() => _http.Dispose();
}
