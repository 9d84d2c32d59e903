using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>
/// GetLimits, views, receipts and the wrong-attempt limit following the configuration rather than the defaults, on a
/// server of each store, over gRPC.
/// </summary>
public abstract class ConfiguredRulesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["OneTime:MaxCiphertextBytes"] = "4096",
        ["OneTime:MinTtl"] = "00:05:00",
        ["OneTime:MaxTtl"] = "2.00:00:00",
        ["OneTime:DefaultTtl"] = "01:00:00",
        ["OneTime:MaxViews"] = "5",
        ["OneTime:MaxWrongAttempts"] = "3",
        ["OneTime:ReadReceipts"] = "false",
    };

    private RedisServer? _redis;
    private OneTimeTestServer _server = null!;
    private GrpcTestClient _client = null!;
    private SecretCalls _calls = null!;

    protected abstract bool UsesRedis { get; }

    public async Task InitializeAsync()
    {
        _redis = UsesRedis ? await RedisServer.StartNewAsync() : null;
        _server = await OneTimeTestServer.StartAsync(UsesRedis ? "redis" : "memory", _redis?.Url, Settings);
        _client = new GrpcTestClient(_server.GrpcUri, _server.WebUri);
        _calls = new SecretCalls(_client, GrpcTestMode.Grpc);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    [Fact]
    public async Task GetLimits_Configured_ReportsTheConfiguration()
    {
        var limits = (await _calls.GetLimitsAsync()).Single(GetLimitsResponse.Parser);

        Assert.Equal(4096u, limits.MaxCiphertextBytes);
        Assert.Equal(285u, limits.MinCiphertextBytes);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMinutes(5)), limits.MinTtl);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromDays(2)), limits.MaxTtl);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromHours(1)), limits.DefaultTtl);
        Assert.Equal(5u, limits.MaxViews);
        Assert.Equal(3u, limits.MaxWrongAttempts);
        Assert.False(limits.ReadReceipts);
    }

    [Fact]
    public async Task Store_MaxViewsOverTheConfiguredLimit_InvalidArgumentNamingIt()
    {
        var response = await _calls.StoreAsync(new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken(), MaxViews = 6 });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal("max_views must be at most 5, this server's limit (0 or unset means 1).", response.Message);
    }

    [Fact]
    public async Task Exists_ReceiptsOffAfterLastView_Unknown()
    {
        var secret = await _calls.StoreNewAsync(views: 2);
        await _calls.RetrieveAsync(secret);
        var between = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        await _calls.RetrieveAsync(secret);
        var after = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.Equal(SecretState.Waiting, between.State);
        Assert.Equal(SecretState.Unspecified, after.State);
        Assert.Null(after.ReadAt);
        Assert.Null(after.ExpiresAt);
    }

    [Fact]
    public async Task ConfirmRead_ReceiptsOffAfterLastView_NotFound()
    {
        var secret = await _calls.StoreNewAsync();
        await _calls.RetrieveAsync(secret);

        var confirm = await _calls.ConfirmReadAsync(secret, SecretCalls.NewCiphertext());

        Assert.Equal(StatusCode.NotFound, confirm.Status);
        Assert.Equal(SecretState.Unspecified, (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser).State);
    }

    [Fact]
    public async Task Exists_ConfiguredLimitOfWrongTokens_BurnsTheSecretAndLogsWithoutTheId()
    {
        var secret = await _calls.StoreNewAsync(views: 5);

        var wrong = new List<GrpcTestResponse>();
        for (var i = 0; i < 3; i++) wrong.Add(await _calls.ExistsAsync(secret with { Token = SecretCalls.NewToken() }));
        var right = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.All(wrong, r => Assert.Equal(SecretState.Unspecified, r.Single(ExistsResponse.Parser).State));
        Assert.Equal(SecretState.Unspecified, right.State);
        var burned = Assert.Single(_server.Logs.Entries, e => e.EventId.Id == 2004);
        Assert.Equal(LogLevel.Information, burned.Level);
        Assert.Equal("A secret was burned after 3 wrong tokens.", burned.Message);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(secret.Id[..8], StringComparison.Ordinal));
    }
}

public sealed class ConfiguredRulesOnMemory : ConfiguredRulesTests
{
    protected override bool UsesRedis => false;
}

public sealed class ConfiguredRulesOnRedis : ConfiguredRulesTests
{
    protected override bool UsesRedis => true;
}
