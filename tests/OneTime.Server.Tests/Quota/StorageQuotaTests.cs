using System.Net;
using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Quota;

/// <summary>
/// A flood from one client fills its own quota and nobody else's, on one server and on servers sharing a Redis. The
/// clients are two loopback addresses, 127.0.0.2 and 127.0.0.3, calling a real Kestrel.
/// </summary>
public sealed class StorageQuotaTests
{
    private const int SecretSize = 1024;
    private const int SecretsPerQuota = 4;
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.3");

    // Room for four 1 KiB secrets kept a day; the smallest legal settings around that, so the start-up check passes.
    private static Dictionary<string, string?> SmallQuota(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OneTime:MaxCiphertextBytes"] = $"{SecretSize}",
            ["OneTime:MaxTtl"] = "1.00:00:00",
            ["OneTime:DefaultTtl"] = "1.00:00:00",
            ["OneTime:Quota:MaxBytes"] = $"{SecretsPerQuota * SecretSize}",
            ["OneTime:Quota:Window"] = "1.00:00:00",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    [Theory]
    [InlineData("memory", GrpcTestMode.Grpc)]
    [InlineData("memory", GrpcTestMode.GrpcWeb)]
    [InlineData("redis", GrpcTestMode.Grpc)]
    public async Task Store_FloodFromOneAddress_FillsOnlyItsQuota(string store, GrpcTestMode mode)
    {
        await using var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        await using var server = await OneTimeTestServer.StartAsync(store, redis?.Url, SmallQuota());
        using var flooder = new GrpcTestClient(server.GrpcUri, server.WebUri, Flooder);
        using var neighbour = new GrpcTestClient(server.GrpcUri, server.WebUri, Neighbour);
        var flood = new SecretCalls(flooder, mode);

        var statuses = new List<StatusCode?>();
        for (var i = 0; i <= SecretsPerQuota; i++) statuses.Add((await flood.StoreAsync(NewRequest())).Status);
        var refused = await flood.StoreAsync(NewRequest());
        var other = await new SecretCalls(neighbour, mode).StoreAsync(NewRequest());

        Assert.Equal([.. Enumerable.Repeat<StatusCode?>(StatusCode.OK, SecretsPerQuota), StatusCode.ResourceExhausted], statuses);
        Assert.Equal(StatusCode.ResourceExhausted, refused.Status);
        Assert.StartsWith("This client has stored all its quota allows", refused.Message);
        Assert.Equal(StatusCode.OK, other.Status);
        if (redis is not null)
        {
            // The refused secrets were written beside their quota check, then deleted: five secrets, two counters.
            var counters = await CountKeysAsync(redis, "onetime:quota:*");
            Assert.Equal(2, counters);
            Assert.Equal(SecretsPerQuota + 1, await CountKeysAsync(redis, "onetime:*") - counters);
        }
    }

    [Fact]
    public async Task Store_TwoServersOnOneRedis_ShareTheQuota()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var first = await OneTimeTestServer.StartAsync("redis", redis.Url, SmallQuota());
        await using var second = await OneTimeTestServer.StartAsync("redis", redis.Url, SmallQuota());
        using var viaFirst = new GrpcTestClient(first.GrpcUri, first.WebUri, Flooder);
        using var viaSecond = new GrpcTestClient(second.GrpcUri, second.WebUri, Flooder);
        using var neighbour = new GrpcTestClient(second.GrpcUri, second.WebUri, Neighbour);

        var statuses = new List<StatusCode?>();
        for (var i = 0; i < SecretsPerQuota; i++)
        {
            var client = i % 2 == 0 ? viaFirst : viaSecond;
            statuses.Add((await new SecretCalls(client, GrpcTestMode.Grpc).StoreAsync(NewRequest())).Status);
        }

        var refusedByFirst = await new SecretCalls(viaFirst, GrpcTestMode.Grpc).StoreAsync(NewRequest());
        var refusedBySecond = await new SecretCalls(viaSecond, GrpcTestMode.Grpc).StoreAsync(NewRequest());
        var other = await new SecretCalls(neighbour, GrpcTestMode.Grpc).StoreAsync(NewRequest());

        Assert.All(statuses, status => Assert.Equal(StatusCode.OK, status));
        Assert.Equal(StatusCode.ResourceExhausted, refusedByFirst.Status);
        Assert.Equal(StatusCode.ResourceExhausted, refusedBySecond.Status);
        Assert.Equal(StatusCode.OK, other.Status);
    }

    [Fact]
    public async Task Store_ShortTtl_CostsAtLeastAWholeWindow()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallQuota());
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri, Flooder);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var minute = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(1));

        var statuses = new List<StatusCode?>();
        for (var i = 0; i <= SecretsPerQuota; i++) statuses.Add((await calls.StoreAsync(NewRequest(minute))).Status);

        // Charged bytes x TTL alone, a minute would cost 1/1440 of a day: a client could hold 1,440 times its quota.
        Assert.Equal(StatusCode.ResourceExhausted, statuses[^1]);
    }

    [Theory]
    [InlineData("2001:db8:1:2::2", StatusCode.ResourceExhausted)] // the same /64: the same client
    [InlineData("2001:db8:1:3::1", StatusCode.OK)] // the next /64: another client
    [InlineData("::ffff:127.0.0.1", StatusCode.OK)] // IPv4-mapped: an IPv4 client, not one in ::/64
    public async Task Store_ForwardedIpv6Clients_ShareTheQuotaOfTheirSlash64(string second, StatusCode expected)
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallQuota(("OneTime:RateLimits:KnownProxies:0", "127.0.0.1")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        for (var i = 0; i < SecretsPerQuota; i++)
        {
            var filled = await StoreForAsync(client, $"2001:db8:1:2::{i + 10:x}");
            Assert.Equal(StatusCode.OK, filled.Status);
        }

        var response = await StoreForAsync(client, second);

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task Store_QuotaDisabled_FloodIsNotRefused()
    {
        await using var server = await OneTimeTestServer.StartAsync(settings: SmallQuota(("OneTime:Quota:Enabled", "false")));
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri, Flooder);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);

        var statuses = new List<StatusCode?>();
        for (var i = 0; i < 2 * SecretsPerQuota; i++) statuses.Add((await calls.StoreAsync(NewRequest())).Status);

        Assert.All(statuses, status => Assert.Equal(StatusCode.OK, status));
    }

    internal static Task<GrpcTestResponse> StoreForAsync(GrpcTestClient client, string forwardedFor) =>
        client.CallAsync("/onetime.v1.SecretService/Store", NewRequest(),
            configure: request => request.Headers.Add("X-Forwarded-For", forwardedFor));

    private static StoreRequest NewRequest(Google.Protobuf.WellKnownTypes.Duration? ttl = null) =>
        new() { Ciphertext = SecretCalls.NewCiphertext(SecretSize), AuthToken = SecretCalls.NewToken(), Ttl = ttl };

    private static async Task<int> CountKeysAsync(RedisServer redis, string pattern)
    {
        var keys = await RedisCli.RunAsync(redis.Port, "--scan", "--pattern", pattern);
        return keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
