using System.Security.Cryptography;
using System.Text.Json;
using OneTime.Testing;

namespace OneTime.Server.Tests.Interop;

/// <summary>
/// Peers we did not write drive the full life cycle against the real server on both stores: @grpc/grpc-js over gRPC
/// and the buf CLI (<c>buf curl</c>, schema from protos/) over gRPC and gRPC-Web. tests/run installs both
/// (<c>npm ci</c> in tests/interop).
/// </summary>
public sealed class PeerInteropTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task GrpcJs_FullFlow_Succeeds(string store)
    {
        await using var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        await using var server = await OneTimeTestServer.StartAsync(store, redis?.Url);

        var result = await ProcessRunner.RunAsync("node",
            [Path.Combine(RepositoryPaths.Interop, "grpc-js-flow.mjs"), $"127.0.0.1:{server.GrpcUri.Port}"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok", result.StandardOutput);
    }

    [Theory]
    [InlineData("memory", "grpc")]
    [InlineData("memory", "grpcweb")]
    [InlineData("redis", "grpc")]
    [InlineData("redis", "grpcweb")]
    public async Task BufCurl_StoreExistsRetrieveThenNotFound(string store, string protocol)
    {
        await using var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        await using var server = await OneTimeTestServer.StartAsync(store, redis?.Url);
        var baseUri = protocol == "grpc" ? server.GrpcUri : server.WebUri;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ciphertext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(300));

        using var stored = await BufCurlAsync(baseUri, protocol, "Store", $$"""{"ciphertext":"{{ciphertext}}","authToken":"{{token}}","ttl":"600s"}""");
        var id = stored.RootElement.GetProperty("id").GetString();
        var key = $$"""{"id":"{{id}}","authToken":"{{token}}"}""";
        using var exists = await BufCurlAsync(baseUri, protocol, "Exists", key);
        using var read = await BufCurlAsync(baseUri, protocol, "Retrieve", key);
        var again = await RunBufCurlAsync(baseUri, protocol, "Retrieve", key);

        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        Assert.True(exists.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal(ciphertext, read.RootElement.GetProperty("ciphertext").GetString());
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("\"not_found\"", again.StandardError);
    }

    private static async Task<JsonDocument> BufCurlAsync(Uri baseUri, string protocol, string method, string json)
    {
        var result = await RunBufCurlAsync(baseUri, protocol, method, json);
        Assert.True(result.ExitCode == 0, $"buf curl {method}: {result}");
        return JsonDocument.Parse(result.StandardOutput);
    }

    private static Task<ProcessResult> RunBufCurlAsync(Uri baseUri, string protocol, string method, string json) =>
        ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"),
            ["curl", "--schema", RepositoryPaths.Root, "--protocol", protocol, "-d", json,
             new Uri(baseUri, $"/onetime.v1.SecretService/{method}").ToString()]);
}
