using OneTime.Server.Quota;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Quota;

public sealed class MemoryStorageQuotaTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly ManualTimeProvider _clock = new();
    private readonly MemoryStorageQuota _quota;

    public MemoryStorageQuotaTests() => _quota = new MemoryStorageQuota(new QuotaOptions { MaxBytes = 1000, Window = Day }, _clock);

    [Fact]
    public async Task TryChargeAsync_UpToTheLimit_GrantedThenRefusedWithoutCharging()
    {
        var first = await _quota.TryChargeAsync("a", 600, Day);
        var refused = await _quota.TryChargeAsync("a", 401, Day);
        var fits = await _quota.TryChargeAsync("a", 400, Day); // the refused charge took nothing

        Assert.True(first.Granted);
        Assert.False(refused.Granted);
        Assert.True(fits.Granted);
    }

    [Fact]
    public async Task TryChargeAsync_OtherClient_HasItsOwnRoom()
    {
        await _quota.TryChargeAsync("a", 1000, Day);

        Assert.False((await _quota.TryChargeAsync("a", 1, Day)).Granted);
        Assert.True((await _quota.TryChargeAsync("b", 1000, Day)).Granted);
    }

    [Fact]
    public async Task TryChargeAsync_LongerTtl_CostsProportionallyMore()
    {
        var twoDays = await _quota.TryChargeAsync("a", 400, 2 * Day);
        var refused = await _quota.TryChargeAsync("a", 201, Day);

        Assert.Equal(800, twoDays.Cost);
        Assert.False(refused.Granted);
    }

    [Fact]
    public async Task Refund_GivesTheChargeBack()
    {
        var charge = await _quota.TryChargeAsync("a", 1000, Day);

        _quota.Refund(charge);

        Assert.True((await _quota.TryChargeAsync("a", 1000, Day)).Granted);
    }

    [Fact]
    public async Task TryChargeAsync_NextWindow_StartsAgainAndDropsOldCounters()
    {
        await _quota.TryChargeAsync("a", 1000, Day);
        await _quota.TryChargeAsync("b", 1000, Day);

        _clock.Advance(Day);
        var next = await _quota.TryChargeAsync("a", 1000, Day);

        Assert.True(next.Granted);
        Assert.Equal(1, _quota.CounterCount);
    }

    [Fact]
    public async Task TryChargeAsync_ConcurrentCharges_NeverOvershoot()
    {
        var quota = new MemoryStorageQuota(new QuotaOptions { MaxBytes = 100_000, Window = Day }, _clock);
        var granted = 0;

        await Parallel.ForAsync(0, 10_000, async (_, _) =>
        {
            if ((await quota.TryChargeAsync("a", 30, Day)).Granted) Interlocked.Increment(ref granted);
        });

        Assert.Equal(100_000 / 30, granted);
    }

    [Theory]
    [InlineData(1000, 1, 1000)] // a minute costs a whole window
    [InlineData(1000, 1440, 1000)] // exactly a day
    [InlineData(1000, 7 * 1440, 7000)]
    [InlineData(1048576, 365 * 1440, 382730240L)] // the largest secret for a year: no overflow
    public void CostOf_BytesTimesTtlInWindows(int bytes, int minutes, long expected)
    {
        var window = new QuotaWindow(new QuotaOptions { Window = Day }, _clock);

        Assert.Equal(expected, window.CostOf(bytes, TimeSpan.FromMinutes(minutes)));
    }
}
