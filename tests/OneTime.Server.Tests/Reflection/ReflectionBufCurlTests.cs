using System.Security.Cryptography;
using System.Text.Json;
using OneTime.Testing;

namespace OneTime.Server.Tests.Reflection;

/// <summary>
/// The buf CLI with no schema at hand: everything it knows comes from server reflection (v1 and v1alpha), carried
/// on our bidirectional streaming over HTTP/2.
/// </summary>
public sealed class ReflectionBufCurlTests
{
    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task ListMethods_NoSchema_ListsEveryService(string reflectProtocol)
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var result = await BufCurlAsync(reflectProtocol, ["--list-methods", server.GrpcUri.ToString()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var methods = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("onetime.v1.SecretService/Store", methods);
        Assert.Contains("onetime.v1.SecretService/Retrieve", methods);
        Assert.Contains("onetime.v1.SecretService/Exists", methods);
        Assert.Contains("onetime.v1.SecretService/Burn", methods);
        Assert.Contains("onetime.v1.SecretService/ConfirmRead", methods);
        Assert.Contains("onetime.v1.SecretService/GetLimits", methods);
        Assert.Contains("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", methods);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", methods);
    }

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task StoreExistsRetrieve_FromJsonNoSchema_RoundTrips(string reflectProtocol)
    {
        await using var server = await OneTimeTestServer.StartAsync();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ciphertext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(300));

        // ttl is a google.protobuf.Duration: its JSON form ("600s") needs duration.proto from reflection too.
        using var stored = await CallAsync(server, reflectProtocol, "Store", $$"""{"ciphertext":"{{ciphertext}}","authToken":"{{token}}","ttl":"600s"}""");
        var key = $$"""{"id":"{{stored.RootElement.GetProperty("id").GetString()}}","authToken":"{{token}}"}""";
        using var exists = await CallAsync(server, reflectProtocol, "Exists", key);
        using var read = await CallAsync(server, reflectProtocol, "Retrieve", key);

        Assert.True(exists.RootElement.GetProperty("exists").GetBoolean());
        Assert.Equal(ciphertext, read.RootElement.GetProperty("ciphertext").GetString());
    }

    [Fact]
    public async Task Describe_UnknownMethod_FailsClearly()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var result = await BufCurlAsync("grpc-v1", ["-d", "{}", new Uri(server.GrpcUri, "/onetime.v1.NoSuchService/Store").ToString()]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("onetime.v1.NoSuchService", result.StandardError);
    }

    private static async Task<JsonDocument> CallAsync(OneTimeTestServer server, string reflectProtocol, string method, string json)
    {
        var result = await BufCurlAsync(reflectProtocol,
            ["-d", json, new Uri(server.GrpcUri, $"/onetime.v1.SecretService/{method}").ToString()]);
        Assert.True(result.ExitCode == 0, $"buf curl {method}: {result}");
        return JsonDocument.Parse(result.StandardOutput);
    }

    private static Task<ProcessResult> BufCurlAsync(string reflectProtocol, string[] arguments) =>
        ProcessRunner.RunAsync(RepositoryPaths.InteropTool("buf"),
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect-protocol", reflectProtocol, .. arguments]);
}
