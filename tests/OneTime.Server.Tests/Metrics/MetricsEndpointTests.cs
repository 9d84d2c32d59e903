using Grpc.Core;
using OneTime.Server.Metrics;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Metrics;

/// <summary>/metrics in the Prometheus text format counts what the server did.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests
{
    private const string ScopeLabel = "otel_scope_name=\"OneTime\"";

    [Fact]
    public async Task Metrics_AfterStoreAndRead_CountsBoth()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync(size: 300);
        await calls.RetrieveAsync(secret);
        await calls.RetrieveAsync(secret); // gone now

        var lines = await ScrapeAsync(server);

        Assert.Contains("onetime_secrets_stored_total 1", lines);
        Assert.Contains("onetime_secrets_stored_bytes_total 300", lines);
        Assert.Contains("onetime_secrets_read_total 1", lines);
        Assert.Contains("onetime_secrets_read_bytes_total 300", lines);
        Assert.Contains("onetime_secrets_not_found_total 1", lines);
        Assert.Contains("# TYPE onetime_rpc_server_duration_seconds histogram", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_count{method=\"/onetime.v1.SecretService/Store\",status=\"OK\"} 1", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_count{method=\"/onetime.v1.SecretService/Retrieve\",status=\"NOT_FOUND\"} 1", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_bucket{method=\"/onetime.v1.SecretService/Retrieve\",status=\"OK\",le=\"+Inf\"} 1", lines);
    }

    [Fact]
    public async Task Metrics_BurnsAndGetLimits_CountedByReasonAndMethod()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:MaxWrongAttempts"] = "2",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var before = await ScrapeAsync(server);
        var burned = await calls.StoreNewAsync();
        var guessed = await calls.StoreNewAsync();
        await calls.BurnAsync(burned);
        await calls.GetLimitsAsync();
        await calls.RetrieveAsync(guessed with { Token = SecretCalls.NewToken() });
        await calls.RetrieveAsync(guessed with { Token = SecretCalls.NewToken() });

        var lines = await ScrapeAsync(server);

        Assert.Contains("onetime_secrets_burned_total{reason=\"requested\"} 0", before);
        Assert.Contains("onetime_secrets_burned_total{reason=\"wrong_attempts\"} 0", before);
        Assert.Contains("onetime_secrets_burned_total{reason=\"requested\"} 1", lines);
        Assert.Contains("onetime_secrets_burned_total{reason=\"wrong_attempts\"} 1", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_count{method=\"/onetime.v1.SecretService/Burn\",status=\"OK\"} 1", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_count{method=\"/onetime.v1.SecretService/GetLimits\",status=\"OK\"} 1", lines);
        Assert.DoesNotContain(lines, line => line.Contains(burned.Id) || line.Contains(guessed.Id));
    }

    [Fact]
    public async Task Metrics_ConfirmRead_CountedByMethodAndStatus()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var before = await ScrapeAsync(server);
        var secret = await calls.StoreNewAsync(views: 2);
        var confirmation = SecretCalls.NewCiphertext();
        await calls.ConfirmReadAsync(secret, confirmation); // views left
        await calls.RetrieveAsync(secret);
        await calls.RetrieveAsync(secret);
        await calls.ConfirmReadAsync(secret, confirmation);
        await calls.ConfirmReadAsync(secret, confirmation); // a second
        await calls.ConfirmReadAsync(secret with { Token = SecretCalls.NewToken() }, confirmation);

        var lines = await ScrapeAsync(server);

        Assert.Contains("onetime_secrets_confirmed_total 0", before);
        Assert.Contains("onetime_secrets_confirmed_total 1", lines);
        Assert.Contains("onetime_secrets_not_found_total 1", lines);
        Assert.All(["OK", "FAILED_PRECONDITION", "ALREADY_EXISTS", "NOT_FOUND"], status => Assert.Contains(
            $"onetime_rpc_server_duration_seconds_count{{method=\"/onetime.v1.SecretService/ConfirmRead\",status=\"{status}\"}} 1", lines));
        Assert.DoesNotContain(lines, line => line.Contains(secret.Id));
    }

    [Fact]
    public async Task Metrics_RejectedCalls_CountedByReason_UnknownPathsNeverLabels()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:RateLimits:Create:PermitLimit"] = "1",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        await calls.StoreAsync(new StoreRequest { AuthToken = SecretCalls.NewToken() }); // empty ciphertext: invalid
        await calls.StoreAsync(new StoreRequest { AuthToken = SecretCalls.NewToken() }); // over budget
        var unknown = await client.CallAsync("/onetime.v1.SecretService/Nope-" + Guid.NewGuid(), new StoreRequest());
        Assert.Equal(StatusCode.Unimplemented, unknown.Status); // it reached the server, and the server said no

        var lines = await ScrapeAsync(server);

        Assert.Contains("onetime_requests_rejected_total{reason=\"invalid_argument\"} 1", lines);
        Assert.Contains("onetime_requests_rejected_total{reason=\"rate_limited\"} 1", lines);
        Assert.Contains("onetime_rpc_server_duration_seconds_count{method=\"/onetime.v1.SecretService/Store\",status=\"INVALID_ARGUMENT\"} 1", lines);
        Assert.DoesNotContain(lines, line => line.Contains("Nope-"));
    }

    [Fact]
    public async Task Metrics_MemoryStore_CountsSecretsThatExpiredUnread()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:MinTtl"] = "00:00:00.100",
            ["OneTime:Memory:SweepInterval"] = "00:00:00.100",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        await calls.StoreNewAsync(ttl: Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)));
        await calls.StoreNewAsync(); // a week: stays

        string[] lines;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        do
        {
            await Task.Delay(100);
            lines = await ScrapeAsync(server);
        }
        while (!lines.Contains("onetime_secrets_expired_total 1") && DateTime.UtcNow < deadline);

        Assert.Contains("onetime_secrets_expired_total 1", lines);
        Assert.Contains("# TYPE onetime_secrets_expired_total counter", lines);
    }

    [Fact]
    public async Task Metrics_KestrelMeter_Exported()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var lines = await ScrapeAsync(server);

        Assert.Contains(lines, line => line.StartsWith("kestrel_active_connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_RuntimeMeter_ExportsThreadPoolQueueAndHeap()
    {
        await using var server = await OneTimeTestServer.StartAsync();

        var lines = await ScrapeAsync(server);

        Assert.Contains(lines, line => line.StartsWith("dotnet_thread_pool_queue_length_total{", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("dotnet_gc_last_collection_heap_size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_RedisStore_ReportsNoExpiryCount()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var server = await OneTimeTestServer.StartAsync("redis", redis.Url);

        var lines = await ScrapeAsync(server);

        Assert.DoesNotContain(lines, line => line.Contains("onetime_secrets_expired"));
    }

    [Fact]
    public void StatusNames_AreCanonical()
    {
        Assert.Equal("OK", StatusNames.Get(StatusCode.OK));
        Assert.Equal("RESOURCE_EXHAUSTED", StatusNames.Get(StatusCode.ResourceExhausted));
        Assert.Equal("DEADLINE_EXCEEDED", StatusNames.Get(StatusCode.DeadlineExceeded));
    }

    private static async Task<string[]> ScrapeAsync(OneTimeTestServer server)
    {
        using var http = new HttpClient { BaseAddress = server.ManagementUri };
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // OpenTelemetry's exporter labels every sample with its meter (otel_scope_name); the assertions leave it out.
        return (await response.Content.ReadAsStringAsync())
            .Replace("{" + ScopeLabel + "}", "", StringComparison.Ordinal)
            .Replace("{" + ScopeLabel + ",", "{", StringComparison.Ordinal)
            .Split('\n');
    }
}
