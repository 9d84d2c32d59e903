using System.Net;
using OneTime.Testing;

namespace OneTime.Server.Tests.Web;

/// <summary>The Web endpoint serving a UI folder next to gRPC-Web, on a real Kestrel.</summary>
public sealed class WebUiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("onetime-ui-");
    private readonly HttpClient _http = new();
    private OneTimeTestServer? _server;

    private Uri Web => _server!.WebUri;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "index.html"), "<!doctype html><title>create</title>");
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "s.html"), "<!doctype html><title>reveal</title>");
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "r.html"), "<!doctype html><title>request</title>");
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "assets", "app-1a2b.js"), "export {};");
        _server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:WebUi:RootPath"] = _root.FullName });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _root.Delete(recursive: true);
    }

    [Theory]
    [InlineData("/", "create")]
    [InlineData("/s", "reveal")]
    [InlineData("/r", "request")]
    public async Task Get_Page_ServesItWithSecurityHeadersAndNoStore(string path, string title)
    {
        // Act
        using var response = await _http.GetAsync(new Uri(Web, path));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>{title}</title>", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[] { "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, csp);
        }

        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // HSTS only over TLS
    }

    [Fact]
    public async Task Get_HashedAsset_IsCacheableAndStillHasHeaders()
    {
        // Act
        using var response = await _http.GetAsync(new Uri(Web, "/assets/app-1a2b.js"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Post_ToPage_IsNotServedAsAPage()
    {
        // Act
        using var response = await _http.PostAsync(new Uri(Web, "/s"), new ByteArrayContent([]));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_GrpcWeb_StillReachesTheGrpcLayer()
    {
        // Arrange: an empty ExistsRequest in one gRPC-Web frame
        var frame = new ByteArrayContent([0x00, 0x00, 0x00, 0x00, 0x00]); // flag 0, length 0
        frame.Headers.ContentType = new("application/grpc-web+proto");

        // Act
        using var response = await _http.PostAsync(new Uri(Web, "/onetime.v1.SecretService/Exists"), frame);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc-web", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Get_Root_WithoutABuiltUi_Says503NotBuilt()
    {
        // Arrange
        await using var bare = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:WebUi:RootPath"] = Path.Combine(_root.FullName, "missing"),
        });

        // Act
        using var response = await _http.GetAsync(new Uri(bare.WebUri, "/"));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not built", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
