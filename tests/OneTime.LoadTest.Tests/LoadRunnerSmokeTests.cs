using OneTime.LoadTest;
using OneTime.Testing;

namespace OneTime.LoadTest.Tests;

/// <summary>
/// The generator against the real server in-process, for about a second per case: a smoke test of the generator and
/// of the server under concurrency. Throughput is never asserted here (tests/bench measures it), but each measured
/// second must see calls complete, so these run on their own, after the parallel tests: sharing two cores with them,
/// a run once completed 6 calls in its two seconds.
/// </summary>
[Collection(Name)]
public class LoadRunnerSmokeTests
{
    public const string Name = "load runs";

    [Theory]
    [InlineData("memory", "grpc")]
    [InlineData("memory", "grpc-web")]
    [InlineData("redis", "grpc")]
    [InlineData("redis", "grpc-web")]
    public async Task RunAsync_Pair_EverySecretReadBackExactly(string store, string protocol)
    {
        await using var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        await using var server = await OneTimeTestServer.StartAsync(store, redis?.Url);

        var report = await RunAsync(server, "pair", protocol);

        Assert.Empty(report.Errors);
        Assert.True(report.Operations > 0, "no pair completed in the measured second");
        Assert.True(report.PairsVerified >= report.Operations, $"{report.PairsVerified} verified, {report.Operations} measured");
        Assert.True(report.LatencyMs.P50 > 0 && report.LatencyMs.P50 <= report.LatencyMs.Max);
    }

    [Theory]
    [InlineData("store", "grpc")]
    [InlineData("store", "grpc-web")]
    [InlineData("exists", "grpc")]
    [InlineData("exists", "grpc-web")]
    public async Task RunAsync_OtherScenarios_NoErrors(string scenario, string protocol)
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var report = await RunAsync(server, scenario, protocol);

        Assert.Empty(report.Errors);
        Assert.True(report.Operations > 0, $"none measured, {report.CompletedOperations} completed in the whole run");
    }

    [Fact]
    public async Task RunAsync_Rejected_CountsErrorsByStatus()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:MaxCiphertextBytes"] = "1024",
        });

        var report = await RunAsync(server, "store", "grpc", payloadSize: 1025);

        Assert.Equal(0, report.Operations);
        var error = Assert.Single(report.Errors);
        Assert.Equal("Store: INVALID_ARGUMENT (3)", error.Key);
    }

    [Fact]
    public async Task RunAsync_FixedRate_NeverRunsAhead()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var report = await RunAsync(server, "pair", "grpc", extra: ["--rate", "200"]);

        Assert.Empty(report.Errors);
        Assert.Equal(200, report.TargetRate);
        // Operations fall due 5 ms apart: only those due in the measured second count, at most 200 of them.
        Assert.InRange(report.Operations, 1, 200);
        Assert.True(report.PairsVerified >= report.Operations);
    }

    // Through the command line's own parser, so the smoke test covers the options a user types. The warm-up covers the
    // first connections and the JIT on a busy test machine, so that the measured second sees calls complete.
    private static Task<LoadReport> RunAsync(
        OneTimeTestServer server, string scenario, string protocol, int payloadSize = 300, string[]? extra = null)
    {
        var target = protocol == "grpc" ? server.GrpcUri : server.WebUri;
        Assert.True(LoadOptions.TryParse(
            ["--target", target.ToString(), "--scenario", scenario, "--protocol", protocol, "--concurrency", "8",
             "--connections", "2", "--warmup", "1", "--duration", "1", "--payload-size", payloadSize.ToString(), .. extra ?? []],
            out var options, out var error), error);
        return new LoadRunner(options!, TextWriter.Null).RunAsync();
    }
}

[CollectionDefinition(LoadRunnerSmokeTests.Name, DisableParallelization = true)]
public sealed class LoadRunsCollection;
