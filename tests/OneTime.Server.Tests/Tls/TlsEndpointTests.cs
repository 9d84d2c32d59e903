using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Tls;

/// <summary>One HTTPS port from PEM files: gRPC over HTTP/2 (ALPN h2) and gRPC-Web over HTTP/1.1, with HSTS.</summary>
public sealed class TlsEndpointTests : IDisposable
{
    private readonly SelfSignedCertificate _certificate = new();

    [Fact]
    public async Task HttpsEndpoint_GrpcOverH2AndGrpcWebOverHttp11_ShareOnePort()
    {
        await using var server = await StartAsync();
        var https = HttpsUri(server);
        using var client = _certificate.CreateClient();
        var token = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32));
        var sealedText = "sealed".PadRight(300, '.'); // at least the smallest envelope the server takes

        using var grpc = await client.SendAsync(Request(https, "application/grpc", HttpVersion.Version20,
            new StoreRequest { Ciphertext = ByteString.CopyFromUtf8(sealedText), AuthToken = token }));
        var stored = StoreResponse.Parser.ParseFrom((await ReadMessageAsync(grpc))!);
        using var web = await client.SendAsync(Request(https, "application/grpc-web+proto", HttpVersion.Version11,
            new RetrieveRequest { Id = stored.Id, AuthToken = token }, path: "/onetime.v1.SecretService/Retrieve"));

        Assert.Equal(HttpVersion.Version20, grpc.Version);
        Assert.Equal("0", grpc.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(HttpVersion.Version11, web.Version);
        Assert.Equal(sealedText, RetrieveResponse.Parser.ParseFrom((await ReadMessageAsync(web))!).Ciphertext.ToStringUtf8());
        Assert.StartsWith("max-age=", web.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task HttpsEndpoint_BufCurlWithReflection_NegotiatesH2()
    {
        await using var server = await StartAsync();

        var result = await ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"),
            ["curl", "--protocol", "grpc", "--insecure", "--list-methods", HttpsUri(server).ToString()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("onetime.v1.SecretService/Store", result.StandardOutput);
    }

    [Fact]
    public async Task Start_KeyFileMissing_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:Tls:CertificatePath"] = _certificate.CertificatePath,
            ["OneTime:Tls:KeyPath"] = _certificate.KeyPath + ".missing",
        }));

        Assert.Contains("OneTime:Tls:KeyPath", failure.Message);
    }

    public void Dispose() => _certificate.Dispose();

    private Task<OneTimeTestServer> StartAsync() => OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
    {
        ["OneTime:Tls:CertificatePath"] = _certificate.CertificatePath,
        ["OneTime:Tls:KeyPath"] = _certificate.KeyPath,
        ["OneTime:Tls:Url"] = "https://127.0.0.1:0",
    });

    private static Uri HttpsUri(OneTimeTestServer server) =>
        new(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

    private static HttpRequestMessage Request(Uri baseUri, string contentType, Version version, IMessage message,
        string path = "/onetime.v1.SecretService/Store")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcTestFrames.Frame(message)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        // UseHsts leaves localhost and 127.0.0.1 alone; a real host name is what browsers see.
        request.Headers.Host = "onetime.test";
        return request;
    }

    // The first frame's payload: [flag:1][length:4 big-endian][message].
    private static async Task<byte[]?> ReadMessageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        if (body.Length < 5 || body[0] != 0) return null;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1));
        return body.AsSpan(5, length).ToArray();
    }
}
