using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests;

/// Views, read receipts, Burn and the service's limits (GetLimits), against the fake service on a real Kestrel.
public sealed class OneTimeClientViewsAndLimitsTests : IAsyncLifetime
{
    private FakeSecretServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSecretServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_ThreeViews_EachReadSaysViewsLeftThenNotFound()
    {
        var client = Client();

        var link = (await client.SendAsync(OneTimeSecret.FromText("team"), new SendOptions { Views = 3 })).ToString();
        var reads = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            var secret = await client.ReadAsync(link);
            Assert.Equal("team", secret.Text);
            reads.Add(secret.ViewsLeft);
        }

        Assert.Equal(3u, _server.Service.StoreRequests.Single().MaxViews);
        Assert.Equal([2, 1, 0], reads);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link));
    }

    [Fact]
    public async Task SendAsync_OldOverload_SendsOneViewAndNoTtl()
    {
        var link = await Client().SendAsync("x");

        var request = _server.Service.StoreRequests.Single();
        Assert.Equal(1u, request.MaxViews);
        Assert.Null(request.Ttl); // the service's default, not a guess of it
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
    }

    [Fact]
    public async Task SendAsync_SecretAndNull_CompilesAndMeansTheServiceDefaults()
    {
        // A null second argument fits both the TTL and the SendOptions overloads; it must compile, and mean "defaults".
        var link = await Client().SendAsync(OneTimeSecret.FromText("x"), null);

        var request = _server.Service.StoreRequests.Single();
        Assert.Equal(1u, request.MaxViews);
        Assert.Null(request.Ttl);
        Assert.Equal("x", (await Client().ReadAsync(link.ToString())).Text);
    }

    [Fact]
    public async Task ExistsAsync_MultiViewSecret_WaitingWithViewsLeftThenReadAt()
    {
        var client = Client();
        var link = (await client.SendAsync(OneTimeSecret.FromText("x"), new SendOptions { Views = 2, Ttl = TimeSpan.FromHours(1) })).ToString();

        var fresh = await client.ExistsAsync(link);
        await client.ReadAsync(link);
        var once = await client.ExistsAsync(link);
        await client.ReadAsync(link);
        var read = await client.ExistsAsync(link);

        Assert.Equal((SecretState.Waiting, 2, true), (fresh.State, fresh.ViewsLeft, fresh.Exists));
        Assert.Null(fresh.ReadAt);
        Assert.InRange(fresh.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal((SecretState.Waiting, 1), (once.State, once.ViewsLeft));
        Assert.NotNull(once.ReadAt);
        Assert.Equal((SecretState.Read, 0, false), (read.State, read.ViewsLeft, read.Exists));
        Assert.InRange(read.ReadAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task BurnAsync_SecretWithViewsLeft_BurnsAllOfThemWithTheBurnCall()
    {
        var client = Client();
        var link = (await client.SendAsync(OneTimeSecret.FromText("x"), new SendOptions { Views = 5 })).ToString();

        await client.BurnAsync(link);

        Assert.Equal(SecretState.Gone, (await client.ExistsAsync(link)).State);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link));
        Assert.Single(_server.Requests, r => r.Path.EndsWith("/Burn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_LargerThanTheServiceLimit_ThrowsTooLargeNamingItWithoutUploading()
    {
        _server.Service.Limits.MaxCiphertextBytes = 2048;

        var e = await Assert.ThrowsAsync<SecretTooLargeException>(() => Client().SendAsync(new byte[10_000]));

        Assert.Equal(2048, e.MaxCiphertextBytes);
        Assert.Contains("at most 2048 bytes", e.Message);
        Assert.Empty(_server.Service.StoreRequests);
        Assert.DoesNotContain(_server.Requests, r => r.Path.EndsWith("/Store", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task SendAsync_ViewsOutsideTheServiceRange_ThrowsBeforeUploading(int views)
    {
        _server.Service.Limits.MaxViews = 5;

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Client().SendAsync(OneTimeSecret.FromText("x"), new SendOptions { Views = views }));

        Assert.Contains("between 1 and 5", e.Message);
        Assert.Empty(_server.Service.StoreRequests);
    }

    [Fact]
    public async Task SendAsync_TtlOutsideTheServiceRange_ThrowsNamingTheRange()
    {
        _server.Service.Limits.MaxTtl = Duration.FromTimeSpan(TimeSpan.FromDays(2));

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().SendAsync("x", TimeSpan.FromDays(3)));

        Assert.Contains("between 1 minute and 2 days", e.Message);
        Assert.Empty(_server.Service.StoreRequests);
    }

    [Fact]
    public async Task GetLimitsAsync_ReportsEveryLimit()
    {
        _server.Service.Limits.MaxWrongAttempts = 4;
        _server.Service.Limits.ReadReceipts = false;

        var limits = await Client().GetLimitsAsync();

        Assert.Equal(1024 * 1024, limits.MaxCiphertextBytes);
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), TimeSpan.FromDays(7)), (limits.MinTtl, limits.MaxTtl, limits.DefaultTtl));
        Assert.Equal((100, 4, false), (limits.MaxViews, limits.MaxWrongAttempts, limits.ReadReceipts));
    }

    [Fact]
    public async Task GetLimitsAsync_UnsetFields_TheDefaultsNotZero()
    {
        _server.Service.Limits = new V1.GetLimitsResponse(); // proto3: every field at its default, as if unset

        var limits = await Client().GetLimitsAsync();

        Assert.Equal(1024 * 1024, limits.MaxCiphertextBytes);
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), TimeSpan.FromDays(7)), (limits.MinTtl, limits.MaxTtl, limits.DefaultTtl));
        Assert.Equal(1, limits.MaxViews);
    }

    [Fact]
    public async Task GetLimitsAsync_KeptFiveMinutesPerClient_ThenAskedAgain()
    {
        var clock = new ManualClock();
        var client = Client(clock);

        await client.SendAsync("a");
        await client.SendAsync("b");
        clock.Advance(TimeSpan.FromMinutes(4));
        await client.GetLimitsAsync();
        var keptWhile = _server.Service.GetLimitsCalls;
        clock.Advance(TimeSpan.FromMinutes(2));
        await client.SendAsync("c");

        Assert.Equal(1, keptWhile);
        Assert.Equal(2, _server.Service.GetLimitsCalls);
    }

    [Fact]
    public async Task SendAsync_RefusedWithinTheLimitsItHad_AsksForThemAgainNextTime()
    {
        var client = Client();
        await client.GetLimitsAsync();
        _server.Service.Failure = new Status(StatusCode.InvalidArgument, "max_views must be 1 to 2.");

        await Assert.ThrowsAsync<InvalidSecretRequestException>(() => client.SendAsync("x"));
        _server.Service.Failure = null;
        await client.SendAsync("x");

        Assert.Equal(2, _server.Service.GetLimitsCalls);
    }

    [Fact]
    public async Task GetLimitsForLinkAsync_AsksTheLinksService()
    {
        var link = (await Client().SendAsync("x", passphrase: "p")).ToString();
        var elsewhere = new OneTimeClient(new HttpClient(), new OneTimeClientOptions { BaseAddress = new Uri("http://127.0.0.1:1/") });

        var limits = await elsewhere.GetLimitsForLinkAsync(link);

        Assert.Equal(10, limits.MaxWrongAttempts);
        Assert.Equal(2, _server.Service.GetLimitsCalls);
    }

    private OneTimeClient Client(TimeProvider? clock = null) =>
        new(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri, TimeProvider = clock ?? TimeProvider.System });

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
