using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.SelfHosting;

/// <summary>
/// The shipped build is Native AOT, where what reflection or code generation at run time would need is gone unless
/// the compiler saw it. So the published executable itself (not the in-process server the other suites use) serves
/// every wire format, the peers we did not write, reflection from descriptors, health, the page and /metrics, and
/// refuses a bad setting the way the JIT build does.
/// </summary>
[Collection(PublishedServerCollection.Name)]
public sealed class NativeServerTests(PublishedServer published)
{
    [Fact]
    public async Task NativeServer_EveryWireFormat_StoresExistsReadsOnce()
    {
        await using var server = await RunningServer.StartAsync(published);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        foreach (var mode in Enum.GetValues<GrpcTestMode>())
        {
            var calls = new SecretCalls(client, mode);
            var secret = await calls.StoreNewAsync(size: 300);
            var exists = await calls.ExistsAsync(secret);
            var read = await calls.RetrieveAsync(secret);
            var again = await calls.RetrieveAsync(secret);

            Assert.True(exists.Single(ExistsResponse.Parser).Exists, $"{mode}: Exists");
            Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
            Assert.Equal(StatusCode.NotFound, again.Status);
        }
    }

    [Fact]
    public async Task NativeServer_GrpcJs_FullFlowSucceeds()
    {
        await using var server = await RunningServer.StartAsync(published);

        var flow = await ProcessRunner.RunAsync("node",
            [Path.Combine(RepositoryPaths.Interop, "grpc-js-flow.mjs"), $"127.0.0.1:{server.GrpcUri.Port}"]);

        Assert.True(flow.ExitCode == 0, flow.ToString());
    }

    [Fact]
    public async Task NativeServer_BufCurlWithoutSchema_ListsAndCallsThroughReflection()
    {
        await using var server = await RunningServer.StartAsync(published);

        var list = await BufCurlAsync(["--list-methods", server.GrpcUri.ToString()]);
        var health = await BufCurlAsync(["-d", "{}", new Uri(server.GrpcUri, "/grpc.health.v1.Health/Check").ToString()]);
        var token = Convert.ToBase64String(new byte[32]);
        var exists = await BufCurlAsync(["-d", $$"""{"id":"AAAAAAAAAAAAAAAAAAAAAA","authToken":"{{token}}"}""",
            new Uri(server.GrpcUri, "/onetime.v1.SecretService/Exists").ToString()]);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("onetime.v1.SecretService/Store", list.StandardOutput);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", list.StandardOutput);
        Assert.True(health.ExitCode == 0, health.ToString());
        using var status = JsonDocument.Parse(health.StandardOutput);
        Assert.Equal("SERVING", status.RootElement.GetProperty("status").GetString());
        Assert.True(exists.ExitCode == 0, exists.ToString());
        Assert.Equal("{}", exists.StandardOutput.Trim()); // exists: false is the default, so JSON leaves it out
    }

    [Fact]
    public async Task NativeServer_PageAndMetrics_Served()
    {
        await using var server = await RunningServer.StartAsync(published);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        using var http = new HttpClient();
        await new SecretCalls(client, GrpcTestMode.GrpcWeb).StoreNewAsync(size: 400);

        using var page = await http.GetAsync(server.WebUri);
        var metrics = await http.GetStringAsync(new Uri(server.ManagementUri, "/metrics"));
        using var notOnWeb = await http.GetAsync(new Uri(server.WebUri, "/metrics"));
        using var asset = await GetFirstScriptAsync(http, server.WebUri, page);

        Assert.True(page.IsSuccessStatusCode, page.ToString());
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.Contains("Content-Security-Policy"));
        Assert.Contains("onetime_secrets_stored_bytes_total{otel_scope_name=\"OneTime\"} 400", metrics.Split('\n'));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notOnWeb.StatusCode);
        // The build's brotli copy, sent as such, with the asset's caching and the page's headers.
        Assert.Equal(["br"], asset.Content.Headers.ContentEncoding);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());
        Assert.True(asset.Headers.Contains("Content-Security-Policy"));
    }

    /// <summary>The first <c>assets/*.js</c> the page loads, asked for as a browser does (brotli accepted).</summary>
    private static async Task<HttpResponseMessage> GetFirstScriptAsync(HttpClient http, Uri web, HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"\\.?/?(assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), html);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(web, "/" + script));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task NativeServer_InvalidSetting_ExitsNamingTheSetting()
    {
        using var server = published.Start(new Dictionary<string, string>
        {
            ["OneTime__MaxTtl"] = "400.00:00:00",
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Management__Url"] = "http://127.0.0.1:0",
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var errors = await server.StandardError.ReadToEndAsync(timeout.Token);
        await server.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, server.ExitCode);
        Assert.Contains("MaxTtl <= 365 days.", errors);
    }

    private static Task<ProcessResult> BufCurlAsync(string[] arguments) =>
        ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"), ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. arguments]);

    /// <summary>The published executable on the memory store and free loopback ports, stopped on dispose.</summary>
    private sealed class RunningServer(Process process, Uri webUri, Uri grpcUri, Uri managementUri) : IAsyncDisposable
    {
        public Uri WebUri { get; } = webUri;

        public Uri GrpcUri { get; } = grpcUri;

        public Uri ManagementUri { get; } = managementUri;

        public static async Task<RunningServer> StartAsync(PublishedServer published)
        {
            var (process, ports) = await published.StartOnFreePortsAsync(3, ports => new Dictionary<string, string>
            {
                ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[0]}",
                ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[1]}",
                ["Kestrel__Endpoints__Management__Url"] = $"http://127.0.0.1:{ports[2]}",
            }, ports => new Uri($"http://127.0.0.1:{ports[0]}/readyz"));
            return new RunningServer(process, Loopback(ports[0]), Loopback(ports[1]), Loopback(ports[2]));
        }

        private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}/");

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
