using System.Net;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.RateLimiting;

/// <summary>Per-address budgets for creating and for reading trip, answer with a retry hint, and recover.</summary>
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> SmallBudgets(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            // Windows far longer than a test, so a window boundary cannot fall between the calls being counted.
            ["OneTime:RateLimits:Create:PermitLimit"] = "2",
            ["OneTime:RateLimits:Create:Window"] = "00:01:00",
            ["OneTime:RateLimits:Read:PermitLimit"] = "3",
            ["OneTime:RateLimits:Read:Window"] = "00:01:00",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWeb)]
    public async Task Store_OverBudget_IsResourceExhaustedWithRetryHint_ThenRecovers(GrpcTestMode mode)
    {
        // A one-second window, to see it recover: a busy machine may cross a window boundary while the budget is
        // spent, so spend it until refused rather than counting to exactly three.
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets(("OneTime:RateLimits:Create:Window", "00:00:01")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, mode);
        var secret = await calls.StoreNewAsync();

        GrpcTestResponse refused;
        var attempts = 0;
        do
        {
            refused = await calls.StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext, AuthToken = SecretCalls.NewToken() });
        }
        while (refused.Status == StatusCode.OK && ++attempts < 50);
        var exists = await calls.ExistsAsync(secret); // reading has its own budget

        Assert.Equal(StatusCode.ResourceExhausted, refused.Status);
        Assert.Contains("Rate limit exceeded", refused.Message);
        Assert.InRange(int.Parse(refused.Headers.GetValues("grpc-retry-pushback-ms").Single()), 1, 1000);
        Assert.Equal(StatusCode.OK, exists.Status);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await calls.StoreNewAsync();
    }

    [Fact]
    public async Task Retrieve_OverReadBudget_IsResourceExhausted()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets());
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync();

        var statuses = new List<StatusCode?>();
        for (var i = 0; i < 4; i++) statuses.Add((await calls.ExistsAsync(secret)).Status);

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], statuses);
    }

    [Fact]
    public async Task GetLimitsAndBurn_SpendTheReadBudget()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets());
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync();

        var statuses = new List<StatusCode?>
        {
            (await calls.GetLimitsAsync()).Status,
            (await calls.GetLimitsAsync()).Status,
            (await calls.BurnAsync(secret with { Token = SecretCalls.NewToken() })).Status,
            (await calls.BurnAsync(secret)).Status,
            (await calls.GetLimitsAsync()).Status,
        };

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.NotFound, StatusCode.ResourceExhausted, StatusCode.ResourceExhausted], statuses);
    }

    [Fact]
    public async Task ConfirmRead_SpendsTheReadBudget()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets());
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync();
        var confirmation = SecretCalls.NewCiphertext();

        var statuses = new List<StatusCode?>
        {
            (await calls.ConfirmReadAsync(secret, confirmation)).Status, // views left
            (await calls.RetrieveAsync(secret)).Status,
            (await calls.ConfirmReadAsync(secret, confirmation)).Status,
            (await calls.ConfirmReadAsync(secret, confirmation)).Status,
        };

        Assert.Equal([StatusCode.FailedPrecondition, StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], statuses);
    }

    [Fact]
    public async Task GrpcWeb_OverBudgetFromAllowedOrigin_StatusReadableByTheBrowser()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets(
            ("OneTime:RateLimits:Create:PermitLimit", "1"), ("OneTime:CorsAllowedOrigins:0", "https://app.example")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.GrpcWeb);
        await calls.StoreNewAsync();

        var refused = await client.CallAsync("/onetime.v1.SecretService/Store",
            new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken() },
            GrpcTestMode.GrpcWeb, request => request.Headers.Add("Origin", "https://app.example"));

        Assert.Equal(StatusCode.ResourceExhausted, refused.Status);
        Assert.Equal("https://app.example", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task PlainHttp_OverBudget_Is429WithRetryAfter()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets());
        using var http = new HttpClient { BaseAddress = server.WebUri };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await http.PostAsync("/onetime.v1.SecretService/Store", new StringContent("{}"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        last.Dispose();
    }

    [Theory]
    [InlineData(true, StatusCode.OK)]
    [InlineData(false, StatusCode.ResourceExhausted)]
    public async Task ForwardedFor_HonouredOnlyFromKnownProxy(bool loopbackIsProxy, StatusCode third)
    {
        var settings = loopbackIsProxy ? SmallBudgets(("OneTime:RateLimits:KnownProxies:0", "127.0.0.1")) : SmallBudgets();
        await using var server = await OneTimeTestServer.StartAsync(settings: settings);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        var statuses = new List<StatusCode?>();
        for (var i = 0; i < 3; i++)
        {
            var forwardedFor = $"203.0.113.{i + 1}"; // a different client each time, when the header is believed
            var response = await client.CallAsync("/onetime.v1.SecretService/Store",
                new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken() },
                configure: request => request.Headers.Add("X-Forwarded-For", forwardedFor));
            statuses.Add(response.Status);
        }

        Assert.Equal([StatusCode.OK, StatusCode.OK, third], statuses);
    }

    [Theory]
    [InlineData("2001:db8:1:2::3", StatusCode.ResourceExhausted)] // a third address of the same /64: the same client
    [InlineData("2001:db8:1:3::1", StatusCode.OK)] // another /64: another client
    public async Task ForwardedIpv6Clients_LimitedPerSlash64(string third, StatusCode expected)
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets(("OneTime:RateLimits:KnownProxies:0", "127.0.0.1")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        var statuses = new List<StatusCode?>();
        foreach (var forwardedFor in new[] { "2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", third })
        {
            var response = await client.CallAsync("/onetime.v1.SecretService/Store",
                new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken() },
                configure: request => request.Headers.Add("X-Forwarded-For", forwardedFor));
            statuses.Add(response.Status);
        }

        Assert.Equal([StatusCode.OK, StatusCode.OK, expected], statuses);
    }

    [Fact]
    public async Task Ipv6PrefixLength_128_LimitsEachAddressAlone()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallBudgets(
            ("OneTime:RateLimits:KnownProxies:0", "127.0.0.1"), ("OneTime:RateLimits:Ipv6PrefixLength", "128")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        var statuses = new List<StatusCode?>();
        for (var i = 1; i <= 3; i++)
        {
            var forwardedFor = $"2001:db8:1:2::{i}";
            var response = await client.CallAsync("/onetime.v1.SecretService/Store",
                new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken() },
                configure: request => request.Headers.Add("X-Forwarded-For", forwardedFor));
            statuses.Add(response.Status);
        }

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK], statuses);
    }
}
