using System.Net;
using Grpc.Core;
using OneTime.Server.Tests.Hosting;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Health;

/// <summary>
/// A Redis outage, as the operator reads it in the console of a real server process: one line when the store becomes
/// unreachable, one when it is back, whatever was polled and called in between.
/// </summary>
public sealed class OutageLogTests
{
    private const string Unreachable = "The secret store is unreachable";
    private const string Reachable = "The secret store is reachable";

    [Fact]
    public async Task RedisStoppedAndStarted_LogsOneLineEachWay()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var (server, ports, started) = await ServerProcess.StartOnFreePortsAsync(2, ports => new()
        {
            ["OneTime__Store"] = "redis",
            ["OneTime__Redis__Url"] = redis.Url,
            ["OneTime__Health__PollInterval"] = "00:00:01",
            ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[0]}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[1]}",
        });
        using var _ = server;
        var (web, grpc) = (ports[0], ports[1]);
        using var client = new GrpcTestClient(new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{web}"));
        using var http = new HttpClient();
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var output = started;
        try
        {
            await calls.StoreNewAsync();

            await redis.StopAsync();
            output += await ServerProcess.ReadUntilAsync(server, Unreachable);
            // While it is down: calls that fail, probes, and several of the health monitor's polls.
            for (var i = 0; i < 5; i++)
            {
                var refused = await calls.StoreAsync(new StoreRequest { Ciphertext = Google.Protobuf.ByteString.CopyFrom(new byte[SecretCalls.SmallestEnvelope]), AuthToken = SecretCalls.NewToken() });
                Assert.Equal(StatusCode.Unavailable, refused.Status);
                using var ready = await http.GetAsync($"http://127.0.0.1:{web}/readyz");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            await redis.StartAsync();
            output += await ServerProcess.ReadUntilAsync(server, Reachable);
            await WaitUntilStoredAsync(calls);
        }
        finally
        {
            output += await ServerProcess.StopAsync(server);
        }

        var lines = output.Split('\n');
        Assert.Single(lines, line => line.Contains(Unreachable, StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(line => line.Contains(Reachable, StringComparison.Ordinal))); // at start, and back
        // The simple console format heads each entry with its level: one warning in all, and nothing worse.
        Assert.Single(lines, line => line.StartsWith("warn:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
    }

    // The multiplexer reconnects on its own heartbeat, which may come a moment after the health monitor's ping.
    private static async Task WaitUntilStoredAsync(SecretCalls calls)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var stored = await calls.StoreAsync(new StoreRequest { Ciphertext = Google.Protobuf.ByteString.CopyFrom(new byte[SecretCalls.SmallestEnvelope]), AuthToken = SecretCalls.NewToken() });
            if (stored.Status == StatusCode.OK) return;
            Assert.True(DateTime.UtcNow < deadline, $"Still {stored.Status} after Redis came back.");
            await Task.Delay(200);
        }
    }
}
