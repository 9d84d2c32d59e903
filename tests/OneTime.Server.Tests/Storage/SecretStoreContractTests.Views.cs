using System.Security.Cryptography;
using OneTime.Server.Storage;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage;

/// <summary>
/// The contract's views, receipts, Burn and wrong-attempt limit (protos/README.md "Views, receipts and wrong
/// attempts"), on every store.
/// </summary>
public abstract partial class SecretStoreContractTests
{
    private const int ManyReaders = 64;
    private static readonly int Limit = SecretRules.Default.MaxWrongAttempts;

    /// <summary>The store's clock, as it stamps read receipts.</summary>
    protected abstract DateTimeOffset Now { get; }

    [Fact]
    public async Task TakeViewAsync_ThreeViews_CountsDownThenMisses()
    {
        var key = NewKey();
        byte[] ciphertext = [1, 2, 3];
        await Store.TryAddAsync(key, ciphertext, 3, LongTimeToLive, default);

        var takes = new List<TakeResult>();
        for (var i = 0; i < 4; i++) takes.Add(await Store.TakeViewAsync(key, default));

        Assert.Equal([2, 1, 0], takes.Take(3).Select(t => t.ViewsLeft));
        Assert.All(takes.Take(3), t => Assert.Equal(ciphertext, t.Ciphertext));
        Assert.Equal(LookupOutcome.NotFound, takes[3].Outcome);
        Assert.Null(takes[3].Ciphertext);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public async Task TakeViewAsync_KViewsManyConcurrentReaders_ExactlyKWin(int views)
    {
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(300);
        await Store.TryAddAsync(key, ciphertext, views, LongTimeToLive, default);

        var results = await RaceAsync(ManyReaders, () => Store.TakeViewAsync(key, default).AsTask());

        var winners = results.Where(r => r.Ciphertext is not null).ToArray();
        Assert.Equal(views, winners.Length);
        Assert.All(winners, w => Assert.Equal(ciphertext, w.Ciphertext));
        // Each winner took a different view: the counts left are views - 1 down to 0, once each.
        Assert.Equal(Enumerable.Range(0, views), winners.Select(w => w.ViewsLeft).Order());
    }

    [Fact]
    public async Task TakeViewAsync_OneViewManyReadersReceiptsOff_ExactlyOneWinsAndNothingIsLeft()
    {
        var store = await CreateStoreAsync(SecretRules.Default with { ReadReceipts = false });
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(300);
        await store.TryAddAsync(key, ciphertext, 1, LongTimeToLive, default);

        var results = await RaceAsync(ManyReaders, () => store.TakeViewAsync(key, default).AsTask());

        var winner = Assert.Single(results, r => r.Ciphertext is not null);
        Assert.Equal(ciphertext, winner.Ciphertext);
        Assert.Equal(0, winner.ViewsLeft);
        Assert.Equal(SecretStatus.NotFound, await store.GetStatusAsync(key, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TakeViewAsync_OneViewReadersRacingLimitWrongTokens_EitherOneReadOrOneBurn(bool receipts)
    {
        var store = await CreateStoreAsync(SecretRules.Default with { ReadReceipts = receipts });
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(300);
        await store.TryAddAsync(key, ciphertext, 1, LongTimeToLive, default);

        // Interleaved: right tokens and exactly enough wrong ones to burn it, all released at once.
        var calls = 0;
        var results = await RaceAsync(2 * Limit, () =>
            store.TakeViewAsync(Interlocked.Increment(ref calls) % 2 == 0 ? key : WrongTokenFor(key), default).AsTask());

        // A read first leaves a receipt (or nothing), which wrong tokens cannot burn; a burn first leaves nothing to read.
        var reads = results.Where(r => r.Ciphertext is not null).ToArray();
        var burns = results.Count(r => r.Outcome == LookupOutcome.BurnedByWrongTokens);
        Assert.Equal(1, reads.Length + burns);
        Assert.All(reads, r => Assert.Equal(ciphertext, r.Ciphertext));
        Assert.Equal(TakeResult.NotFound, await store.TakeViewAsync(key, default));
    }

    [Fact]
    public async Task GetStatusAsync_MultiViewAfterOneView_WaitingWithReadAt()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 2, LongTimeToLive, default);
        var before = await Store.GetStatusAsync(key, default);
        var readFrom = Now;

        await Store.TakeViewAsync(key, default);
        var after = await Store.GetStatusAsync(key, default);

        Assert.True(before.IsWaiting);
        Assert.Equal(2, before.ViewsLeft);
        Assert.Null(before.ReadAt);
        Assert.True(after.IsWaiting);
        Assert.Equal(1, after.ViewsLeft);
        Assert.NotNull(after.ReadAt);
        Assert.InRange(after.ReadAt.Value, readFrom.AddSeconds(-1), Now.AddSeconds(1));
    }

    [Fact]
    public async Task GetStatusAsync_AfterLastView_ReceiptUntilTheOriginalExpiry()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 1, ShortTimeToLive, default);
        var readFrom = Now;

        var taken = await Store.TakeViewAsync(key, default);
        var receipt = await Store.GetStatusAsync(key, default);
        var retaken = await Store.TakeViewAsync(key, default);
        await LetTimePassAsync(ShortTimeToLive * 2);
        var expired = await Store.GetStatusAsync(key, default);

        Assert.NotNull(taken.Ciphertext);
        Assert.True(receipt.IsReceipt);
        Assert.Equal(0, receipt.ViewsLeft);
        Assert.InRange(receipt.ReadAt!.Value, readFrom.AddSeconds(-1), Now.AddSeconds(1));
        Assert.InRange(receipt.TimeToLive, TimeSpan.FromTicks(1), ShortTimeToLive); // the secret's expiry, not a new one
        Assert.Equal(TakeResult.NotFound, retaken);
        Assert.Equal(SecretStatus.NotFound, expired);
    }

    [Fact]
    public async Task GetStatusAsync_ReceiptsOff_LastViewDeletesEverything()
    {
        var store = await CreateStoreAsync(SecretRules.Default with { ReadReceipts = false });
        try
        {
            var key = NewKey();
            await store.TryAddAsync(key, new byte[] { 1 }, 2, LongTimeToLive, default);
            await store.TakeViewAsync(key, default);
            var afterFirst = await store.GetStatusAsync(key, default);

            var last = await store.TakeViewAsync(key, default);
            var afterLast = await store.GetStatusAsync(key, default);

            Assert.True(afterFirst.IsWaiting);
            Assert.Equal(0, last.ViewsLeft);
            Assert.NotNull(last.Ciphertext);
            Assert.Equal(SecretStatus.NotFound, afterLast);
        }
        finally
        {
            await DisposeStoreAsync(store);
        }
    }

    [Fact]
    public async Task BurnAsync_RightToken_DeletesWhateverViewsAreLeft()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 5, LongTimeToLive, default);
        await Store.TakeViewAsync(key, default);

        var burned = await Store.BurnAsync(key, default);

        Assert.Equal(LookupOutcome.Found, burned);
        Assert.Equal(TakeResult.NotFound, await Store.TakeViewAsync(key, default));
        Assert.Equal(SecretStatus.NotFound, await Store.GetStatusAsync(key, default));
        Assert.Equal(LookupOutcome.NotFound, await Store.BurnAsync(key, default));
    }

    [Fact]
    public async Task BurnAsync_WrongToken_DeletesNothing()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 4 }, 1, LongTimeToLive, default);

        var burned = await Store.BurnAsync(WrongTokenFor(key), default);

        Assert.Equal(LookupOutcome.NotFound, burned);
        Assert.Equal(new byte[] { 4 }, (await Store.TakeViewAsync(key, default)).Ciphertext);
    }

    [Fact]
    public async Task BurnAsync_AfterLastView_MissesAndKeepsTheReceipt()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 1, LongTimeToLive, default);
        await Store.TakeViewAsync(key, default);

        var burned = await Store.BurnAsync(key, default);

        Assert.Equal(LookupOutcome.NotFound, burned);
        Assert.True((await Store.GetStatusAsync(key, default)).IsReceipt);
    }

    [Fact]
    public async Task TakeViewAsync_LimitMinusOneWrongTokens_RightTokenStillReads()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 8 }, 1, LongTimeToLive, default);

        // Every operation that names the secret counts: takes, looks and burns alike.
        var misses = new List<LookupOutcome>();
        for (var i = 0; i < Limit - 1; i++)
        {
            var wrong = WrongTokenFor(key);
            misses.Add((i % 3) switch
            {
                0 => (await Store.TakeViewAsync(wrong, default)).Outcome,
                1 => (await Store.GetStatusAsync(wrong, default)).Outcome,
                _ => await Store.BurnAsync(wrong, default),
            });
        }

        Assert.All(misses, m => Assert.Equal(LookupOutcome.NotFound, m));
        Assert.Equal(new byte[] { 8 }, (await Store.TakeViewAsync(key, default)).Ciphertext);
    }

    [Fact]
    public async Task TakeViewAsync_LimitWrongTokens_BurnsTheSecret()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 8 }, 3, LongTimeToLive, default);

        var misses = new List<LookupOutcome>();
        for (var i = 0; i < Limit; i++) misses.Add((await Store.GetStatusAsync(WrongTokenFor(key), default)).Outcome);

        Assert.All(misses.Take(Limit - 1), m => Assert.Equal(LookupOutcome.NotFound, m));
        Assert.Equal(LookupOutcome.BurnedByWrongTokens, misses[^1]);
        Assert.Equal(TakeResult.NotFound, await Store.TakeViewAsync(key, default));
        Assert.Equal(SecretStatus.NotFound, await Store.GetStatusAsync(key, default));
    }

    [Fact]
    public async Task TakeViewAsync_LimitWrongTokensRacing_BurnExactlyOnceAtTheLimit()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 8 }, 1, LongTimeToLive, default);

        var results = await RaceAsync(Limit, () => Store.TakeViewAsync(WrongTokenFor(key), default).AsTask());

        Assert.Single(results, r => r.Outcome == LookupOutcome.BurnedByWrongTokens);
        Assert.All(results, r => Assert.Null(r.Ciphertext));
        Assert.Equal(TakeResult.NotFound, await Store.TakeViewAsync(key, default));
    }

    [Fact]
    public async Task TakeViewAsync_LimitMinusOneWrongTokensRacing_RightTokenStillReads()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 8 }, 1, LongTimeToLive, default);

        var results = await RaceAsync(Limit - 1, () => Store.BurnAsync(WrongTokenFor(key), default).AsTask());

        Assert.All(results, r => Assert.Equal(LookupOutcome.NotFound, r));
        Assert.Equal(new byte[] { 8 }, (await Store.TakeViewAsync(key, default)).Ciphertext);
    }

    [Fact]
    public async Task GetStatusAsync_WrongTokensOnAReceipt_CountNothingAndKeepIt()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 1, LongTimeToLive, default);
        await Store.TakeViewAsync(key, default);

        var misses = new List<LookupOutcome>();
        for (var i = 0; i < Limit + 1; i++) misses.Add((await Store.GetStatusAsync(WrongTokenFor(key), default)).Outcome);

        Assert.All(misses, m => Assert.Equal(LookupOutcome.NotFound, m));
        Assert.True((await Store.GetStatusAsync(key, default)).IsReceipt);
    }

    [Fact]
    public async Task TryAddAsync_SameIdOtherToken_RefusedAndTheOriginalKept()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 1, LongTimeToLive, default);

        var added = await Store.TryAddAsync(WrongTokenFor(key), new byte[] { 2 }, 1, LongTimeToLive, default);

        Assert.False(added);
        Assert.Equal(new byte[] { 1 }, (await Store.TakeViewAsync(key, default)).Ciphertext);
    }

    // An awaited gate rather than a blocking one: blocked pool threads would starve every other test's timers.
    private static async Task<T[]> RaceAsync<T>(int callers, Func<Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () => { await start.Task; return await call(); })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}
