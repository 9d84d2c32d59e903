using System.IO.Compression;
using System.Net;
using System.Text;
using OneTime.Testing;

namespace OneTime.Server.Tests.Web;

/// <summary>The UI's files go out as brotli or gzip from the build's copies when the client accepts them.</summary>
public sealed class PrecompressedAssetsTests : IAsyncLifetime
{
    private readonly UiFolder _ui = UiFolder.Create();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
    private OneTimeTestServer? _server;

    public async Task InitializeAsync() =>
        _server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:WebUi:RootPath"] = _ui.Root });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _ui.Dispose();
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("", null)]
    [InlineData("identity", null)]
    [InlineData("gzip;q=0, br;q=0", null)]
    public async Task Get_Script_SentInTheAcceptedEncoding(string acceptEncoding, string? expected)
    {
        using var response = await GetAsync(UiFolder.Script, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(UiFolder.ScriptText, Decode(await response.Content.ReadAsByteArrayAsync(), expected));
    }

    [Fact]
    public async Task Get_Page_CompressedAndStillNoStore()
    {
        using var response = await GetAsync("/", "br");

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<title>create</title>", Decode(await response.Content.ReadAsByteArrayAsync(), "br"));
    }

    [Fact]
    public async Task Get_FileWithoutCopies_SentAsItIsWithoutVary()
    {
        using var response = await GetAsync("/s", "br, gzip");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Empty(response.Headers.Vary);
        Assert.Contains("<title>reveal</title>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(UiFolder.Script + ".br")]
    [InlineData(UiFolder.Script + ".gz")]
    public async Task Get_CopyByItsOwnName_NotFound(string path)
    {
        using var response = await GetAsync(path, "br, gzip");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server!.WebUri, path));
        if (acceptEncoding.Length > 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await _http.SendAsync(request);
    }

    private static string Decode(byte[] body, string? encoding)
    {
        using Stream input = encoding switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => new MemoryStream(body),
        };
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
