using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.SelfHosting;

/// <summary>
/// No Docker engine runs here, so this runs what docker-compose.yml runs: redis-server with exactly its flags, and the
/// server as the Dockerfile publishes it with exactly its environment (only the hosts and ports moved to free
/// loopback ones), then a store and a read through it, and the compose healthcheck against it.
/// </summary>
[Collection(PublishedServerCollection.Name)]
public sealed class SelfHostTests(PublishedServer published)
{
    private static readonly string ComposePath = Path.Combine(RepositoryPaths.Root, "docker-compose.yml");

    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    [Fact]
    public void ComposeRedis_IsConfiguredForSecrets()
    {
        var flags = Compose().Command("redis");

        Assert.Equal("redis-server", flags[0]);
        AssertFlag(flags, "--save", "");
        AssertFlag(flags, "--appendonly", "no");
        AssertFlag(flags, "--maxmemory-policy", "noeviction");
        AssertFlag(flags, "--requirepass", _password);
        Assert.Contains("--maxmemory", flags);
        Assert.DoesNotContain(File.ReadAllLines(ComposePath), line => line.Contains("6379:"));
    }

    [Fact]
    public void ComposeServers_PublishManagementToTheHostsLoopbackOnly()
    {
        var lines = File.ReadAllLines(ComposePath);
        var published = lines.Select(line => line.Trim())
            .Where(line => line.StartsWith("- \"", StringComparison.Ordinal) && line.EndsWith(":5082\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, published.Count); // server, server-a, server-b
        Assert.All(published, line => Assert.StartsWith("- \"127.0.0.1:", line));
        Assert.Equal("http://0.0.0.0:5082", Compose().Environment("server")["Kestrel__Endpoints__Management__Url"]);
    }

    [Fact]
    public async Task ComposeStack_StoreThenRead_Works()
    {
        var compose = Compose();
        await using var redis = await RedisServer.StartNewAsync(password: null, [.. compose.Command("redis").Skip(1)]);
        var (server, ports) = await published.StartOnFreePortsAsync(3, ports => compose.Environment("server").ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Replace("@redis:6379", $"@127.0.0.1:{redis.Port}").Replace("0.0.0.0:5080", $"127.0.0.1:{ports[0]}")
                .Replace("0.0.0.0:5081", $"127.0.0.1:{ports[1]}").Replace("0.0.0.0:5082", $"127.0.0.1:{ports[2]}")),
            ports => new Uri($"http://127.0.0.1:{ports[0]}/readyz"));
        using var _ = server;
        var (web, grpc, management) = (ports[0], ports[1], ports[2]);
        try
        {
            using var client = new GrpcTestClient(new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{web}"));

            foreach (var mode in new[] { GrpcTestMode.Grpc, GrpcTestMode.GrpcWeb })
            {
                var calls = new SecretCalls(client, mode);
                var secret = await calls.StoreNewAsync();
                var read = await calls.RetrieveAsync(secret);
                Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
            }

            using var http = new HttpClient();
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{management}/metrics");
            Assert.Contains("onetime_secrets_stored_total", metrics);

            var healthcheck = compose.HealthcheckTest("server");
            Assert.Equal(["CMD", "bash", "-c"], healthcheck.Take(3));
            var probe = await ProcessRunner.RunAsync("bash", ["-c", healthcheck[3].Replace("/5080", $"/{web}")]);
            Assert.True(probe.ExitCode == 0, $"healthcheck: {probe}");

            await redis.StopAsync();
            var failing = await ProcessRunner.RunAsync("bash", ["-c", healthcheck[3].Replace("/5080", $"/{web}")]);
            Assert.NotEqual(0, failing.ExitCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        // Logging__Console__FormatterName=json: every line the server wrote is one JSON object.
        var output = await server.StandardOutput.ReadToEndAsync();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }

    private ComposeFile Compose() => ComposeFile.Load(ComposePath, new Dictionary<string, string> { ["REDIS_PASSWORD"] = _password });

    private static void AssertFlag(IReadOnlyList<string> flags, string name, string value)
    {
        var index = flags.ToList().IndexOf(name);
        Assert.True(index >= 0 && index + 1 < flags.Count, $"{name} is missing");
        Assert.Equal(value, flags[index + 1]);
    }
}
