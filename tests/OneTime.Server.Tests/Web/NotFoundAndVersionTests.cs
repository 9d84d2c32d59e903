using System.Net;
using System.Text.Json;
using OneTime.Testing;

namespace OneTime.Server.Tests.Web;

/// <summary>The Web endpoint's 404 page, and /version with the served UI's SHA-256.</summary>
public sealed class NotFoundAndVersionTests : IDisposable
{
    private readonly HttpClient _http = new();

    [Theory]
    [InlineData("/nope")]
    [InlineData("/s/extra")]
    [InlineData("/assets/missing.js")]
    public async Task Get_UnknownPath_404WithTheUiPage(string path)
    {
        using var ui = UiFolder.Create();
        await using var server = await StartAsync(ui);

        using var response = await _http.GetAsync(new Uri(server.WebUri, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("OneTime: not found", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_UnknownPath_WithoutA404Page_PlainText404()
    {
        using var ui = UiFolder.Create(notFoundPage: false);
        await using var server = await StartAsync(ui);

        using var response = await _http.GetAsync(new Uri(server.WebUri, "/nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not found.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnknownPath_StaysABare404()
    {
        using var ui = UiFolder.Create();
        await using var server = await StartAsync(ui);

        using var response = await _http.PostAsync(new Uri(server.WebUri, "/nope"), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Version_UiBundleHash_MatchesTheShellPipeline()
    {
        using var ui = UiFolder.Create(); // with .br and .gz copies, which the hash leaves out
        Directory.CreateDirectory(ui.PathOf("nested/deeper"));
        ui.Write("nested/deeper/Zeta.txt", "upper case sorts first in byte order\n");
        ui.Write("nested/a b.txt", "a space in a name\n");
        ui.Write(".well-known", "a dotfile\n");
        await using var server = await StartAsync(ui);

        using var response = await _http.GetAsync(new Uri(server.WebUri, "/version"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = await ProcessRunner.RunAsync("bash", ["-c",
            "cd \"$1\" && find . -type f ! -name '*.br' ! -name '*.gz' -printf '%P\\n' | LC_ALL=C sort | tr '\\n' '\\0' | xargs -0 sha256sum | sha256sum | cut -d' ' -f1",
            "hash", ui.Root]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.Equal(expected.StandardOutput.Trim(), json.RootElement.GetProperty("uiBundleSha256").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Version_WithoutAUi_HashIsNull()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:WebUi:RootPath"] = Path.Combine(Path.GetTempPath(), "onetime-no-ui-" + Guid.NewGuid()),
        });

        var json = await _http.GetStringAsync(new Uri(server.WebUri, "/version"));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("uiBundleSha256").ValueKind);
    }

    [Fact]
    public async Task Version_IsWrittenAsItReads_WithoutEscapingThePlus()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var json = await _http.GetStringAsync(new Uri(server.WebUri, "/version"));

        var version = JsonDocument.Parse(json).RootElement.GetProperty("version").GetString()!;
        Assert.Contains($"\"version\":\"{version}\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    private static Task<OneTimeTestServer> StartAsync(UiFolder ui) =>
        OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:WebUi:RootPath"] = ui.Root });

    public void Dispose() => _http.Dispose();
}
