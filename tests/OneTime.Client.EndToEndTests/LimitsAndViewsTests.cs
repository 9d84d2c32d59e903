namespace OneTime.Client.EndToEndTests;

/// The library against the real server: GetLimits following the configuration, views, read receipts and Burn, on
/// both stores and both transports.
public sealed class LimitsAndViewsTests
{
    [Theory]
    [InlineData(ServerFixture.Web)]
    [InlineData(ServerFixture.Grpc)]
    public async Task GetLimitsAsync_FollowsTheServersConfiguration(string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:MaxCiphertextBytes"] = "4096",
            ["OneTime:MinTtl"] = "00:05:00",
            ["OneTime:MaxTtl"] = "2.00:00:00",
            ["OneTime:DefaultTtl"] = "01:00:00",
            ["OneTime:MaxViews"] = "7",
            ["OneTime:MaxWrongAttempts"] = "4",
            ["OneTime:ReadReceipts"] = "false",
        });

        var limits = await ServerFixture.Client(server, transport).GetLimitsAsync();

        Assert.Equal(4096, limits.MaxCiphertextBytes);
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromDays(2), TimeSpan.FromHours(1)), (limits.MinTtl, limits.MaxTtl, limits.DefaultTtl));
        Assert.Equal((7, 4, false), (limits.MaxViews, limits.MaxWrongAttempts, limits.ReadReceipts));
    }

    [Fact]
    public async Task GetLimitsAsync_Unconfigured_TheDocumentedDefaults()
    {
        await using var server = await ServerUnderTest.StartAsync();

        var limits = await ServerFixture.Client(server, ServerFixture.Web).GetLimitsAsync();

        Assert.Equal(1024 * 1024, limits.MaxCiphertextBytes);
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), TimeSpan.FromDays(7)), (limits.MinTtl, limits.MaxTtl, limits.DefaultTtl));
        Assert.Equal((100, 10, true), (limits.MaxViews, limits.MaxWrongAttempts, limits.ReadReceipts));
    }

    [Theory]
    [MemberData(nameof(ServerFixture.StoresAndTransports), MemberType = typeof(ServerFixture))]
    public async Task ReadAsync_TwoViews_ViewsLeftThenReceipt(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync(OneTimeSecret.FromText("for two"), new SendOptions { Views = 2 })).ToString();

        var fresh = await client.ExistsAsync(link);
        var first = await client.ReadAsync(link);
        var second = await client.ReadAsync(link);
        var status = await client.ExistsAsync(link);

        Assert.Equal((SecretState.Waiting, 2), (fresh.State, fresh.ViewsLeft));
        Assert.Equal(("for two", 1), (first.Text, first.ViewsLeft));
        Assert.Equal(("for two", 0), (second.Text, second.ViewsLeft));
        Assert.Equal(SecretState.Read, status.State);
        Assert.InRange(status.ReadAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link));
    }

    [Theory]
    [MemberData(nameof(ServerFixture.StoresAndTransports), MemberType = typeof(ServerFixture))]
    public async Task BurnAsync_WrongPassphraseBurnsNothing_RightOneBurnsEveryView(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync(OneTimeSecret.FromText("x"), new SendOptions { Views = 3, Passphrase = "right" })).ToString();

        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.BurnAsync(link, "wrong"));
        var afterWrong = await client.ExistsAsync(link, "right");
        await client.BurnAsync(link, "right");
        var afterRight = await client.ExistsAsync(link, "right");

        Assert.Equal((SecretState.Waiting, 3), (afterWrong.State, afterWrong.ViewsLeft));
        Assert.Equal(SecretState.Gone, afterRight.State);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link, "right"));
    }

    [Fact]
    public async Task ExistsAsync_ReceiptsOff_GoneAfterTheLastView()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:ReadReceipts"] = "false" });
        var client = ServerFixture.Client(server, ServerFixture.Web);
        var link = (await client.SendAsync("x")).ToString();

        await client.ReadAsync(link);
        var status = await client.ExistsAsync(link);

        Assert.Equal(SecretState.Gone, status.State);
        Assert.Null(status.ReadAt);
    }
}
