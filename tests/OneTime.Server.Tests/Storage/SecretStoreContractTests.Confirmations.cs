using System.Security.Cryptography;
using OneTime.Server.Storage;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage;

/// <summary>
/// The contract's read confirmations (protos/README.md "Views, receipts and wrong attempts", Confirmations), on every
/// store: one per receipt, kept until the receipt's original expiry, never on a secret with views left.
/// </summary>
public abstract partial class SecretStoreContractTests
{
    private const int FormatOneConfirmation = 285; // protos/README.md "Read confirmations (format 1)"

    [Fact]
    public async Task ConfirmReadAsync_Receipt_ConfirmedAndStatusReturnsTheBytes()
    {
        var key = await ReceiptAsync(LongTimeToLive);
        var confirmation = RandomNumberGenerator.GetBytes(FormatOneConfirmation);
        var unconfirmed = await Store.GetStatusAsync(key, default);

        var outcome = await Store.ConfirmReadAsync(key, confirmation, default);
        var status = await Store.GetStatusAsync(key, default);

        Assert.True(unconfirmed.ReadConfirmation.IsEmpty);
        Assert.Equal(ConfirmOutcome.Confirmed, outcome);
        Assert.True(status.IsReceipt);
        Assert.Equal(unconfirmed.ReadAt, status.ReadAt);
        Assert.Equal(confirmation, status.ReadConfirmation.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ReadConfirmation.MaxBytes)]
    public async Task ConfirmReadAsync_SmallestAndLargest_KeptByteForByte(int size)
    {
        var key = await ReceiptAsync(LongTimeToLive);
        var confirmation = RandomNumberGenerator.GetBytes(size);

        Assert.Equal(ConfirmOutcome.Confirmed, await Store.ConfirmReadAsync(key, confirmation, default));

        Assert.Equal(confirmation, (await Store.GetStatusAsync(key, default)).ReadConfirmation.ToArray());
    }

    [Fact]
    public async Task ConfirmReadAsync_Second_AlreadyConfirmedAndTheFirstStays()
    {
        var key = await ReceiptAsync(LongTimeToLive);
        var first = RandomNumberGenerator.GetBytes(FormatOneConfirmation);
        await Store.ConfirmReadAsync(key, first, default);

        var second = await Store.ConfirmReadAsync(key, RandomNumberGenerator.GetBytes(ReadConfirmation.MaxBytes), default);

        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, second);
        Assert.Equal(first, (await Store.GetStatusAsync(key, default)).ReadConfirmation.ToArray());
    }

    [Fact]
    public async Task ConfirmReadAsync_SecretWithViewsLeft_StillHasViewsAndKeepsNothing()
    {
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(1000);
        await Store.TryAddAsync(key, ciphertext, 2, LongTimeToLive, default);
        await Store.TakeViewAsync(key, default);

        var early = await Store.ConfirmReadAsync(key, RandomNumberGenerator.GetBytes(FormatOneConfirmation), default);
        var waiting = await Store.GetStatusAsync(key, default);
        var last = await Store.TakeViewAsync(key, default);
        var receipt = await Store.GetStatusAsync(key, default);

        Assert.Equal(ConfirmOutcome.StillHasViews, early);
        Assert.True(waiting.IsWaiting);
        Assert.True(waiting.ReadConfirmation.IsEmpty); // the ciphertext after the header is no confirmation
        Assert.Equal(ciphertext, last.Ciphertext);
        Assert.True(receipt.IsReceipt);
        Assert.True(receipt.ReadConfirmation.IsEmpty);
    }

    [Fact]
    public async Task ConfirmReadAsync_WrongTokensOnAWaitingSecret_CountLikeTheOtherCallsAndTheLimitBurns()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, 3, LongTimeToLive, default);

        var misses = new List<ConfirmOutcome>();
        for (var i = 0; i < Limit - 2; i++) misses.Add(await Store.ConfirmReadAsync(WrongTokenFor(key), new byte[] { 1 }, default));
        var lookedUp = await Store.GetStatusAsync(WrongTokenFor(key), default); // the limit's last but one, another call's
        var stillThere = await Store.GetStatusAsync(key, default);
        var burning = await Store.ConfirmReadAsync(WrongTokenFor(key), new byte[] { 1 }, default);

        Assert.All(misses, m => Assert.Equal(ConfirmOutcome.NotFound, m));
        Assert.Equal(LookupOutcome.NotFound, lookedUp.Outcome);
        Assert.True(stillThere.IsWaiting);
        Assert.Equal(ConfirmOutcome.BurnedByWrongTokens, burning);
        Assert.Equal(SecretStatus.NotFound, await Store.GetStatusAsync(key, default));
        Assert.Equal(ConfirmOutcome.NotFound, await Store.ConfirmReadAsync(key, new byte[] { 1 }, default));
    }

    [Fact]
    public async Task ConfirmReadAsync_WrongTokensOnAReceipt_NotFoundCountingNothing()
    {
        var key = await ReceiptAsync(LongTimeToLive);

        var misses = new List<ConfirmOutcome>();
        for (var i = 0; i < Limit + 1; i++) misses.Add(await Store.ConfirmReadAsync(WrongTokenFor(key), new byte[] { 1 }, default));
        var status = await Store.GetStatusAsync(key, default);
        var right = await Store.ConfirmReadAsync(key, new byte[] { 2 }, default);

        Assert.All(misses, m => Assert.Equal(ConfirmOutcome.NotFound, m));
        Assert.True(status.IsReceipt);
        Assert.True(status.ReadConfirmation.IsEmpty);
        Assert.Equal(ConfirmOutcome.Confirmed, right);
    }

    [Fact]
    public async Task ConfirmReadAsync_UnknownExpiredOrBurned_NotFound()
    {
        var expired = await ReceiptAsync(ShortTimeToLive);
        var burned = NewKey();
        await Store.TryAddAsync(burned, new byte[] { 1 }, 2, LongTimeToLive, default);
        await Store.BurnAsync(burned, default);
        await LetTimePassAsync(ShortTimeToLive * 2);

        Assert.Equal(ConfirmOutcome.NotFound, await Store.ConfirmReadAsync(NewKey(), new byte[] { 1 }, default));
        Assert.Equal(ConfirmOutcome.NotFound, await Store.ConfirmReadAsync(expired, new byte[] { 1 }, default));
        Assert.Equal(ConfirmOutcome.NotFound, await Store.ConfirmReadAsync(burned, new byte[] { 1 }, default));
    }

    [Fact]
    public async Task ConfirmReadAsync_ReceiptsOff_NotFound()
    {
        var store = await CreateStoreAsync(SecretRules.Default with { ReadReceipts = false });
        try
        {
            var key = NewKey();
            await store.TryAddAsync(key, new byte[] { 1 }, 1, LongTimeToLive, default);
            await store.TakeViewAsync(key, default);

            var outcome = await store.ConfirmReadAsync(key, RandomNumberGenerator.GetBytes(FormatOneConfirmation), default);

            Assert.Equal(ConfirmOutcome.NotFound, outcome);
            Assert.Equal(SecretStatus.NotFound, await store.GetStatusAsync(key, default));
        }
        finally
        {
            await DisposeStoreAsync(store);
        }
    }

    [Fact]
    public async Task ConfirmReadAsync_ConfirmedReceipt_StillEndsAtTheSecretsOriginalExpiry()
    {
        var key = await ReceiptAsync(ShortTimeToLive);
        var before = await Store.GetStatusAsync(key, default);

        await Store.ConfirmReadAsync(key, RandomNumberGenerator.GetBytes(FormatOneConfirmation), default);
        var after = await Store.GetStatusAsync(key, default);
        await LetTimePassAsync(ShortTimeToLive * 2);

        Assert.InRange(after.TimeToLive, TimeSpan.FromTicks(1), before.TimeToLive); // not extended
        Assert.Equal(SecretStatus.NotFound, await Store.GetStatusAsync(key, default));
    }

    [Fact]
    public async Task ConfirmReadAsync_ConfirmedReceipt_StillRefusesTakeAndBurn()
    {
        var key = await ReceiptAsync(LongTimeToLive);
        var confirmation = RandomNumberGenerator.GetBytes(FormatOneConfirmation);
        await Store.ConfirmReadAsync(key, confirmation, default);

        var taken = await Store.TakeViewAsync(key, default);
        var burned = await Store.BurnAsync(key, default);
        var status = await Store.GetStatusAsync(key, default);

        Assert.Equal(TakeResult.NotFound, taken);
        Assert.Equal(LookupOutcome.NotFound, burned);
        Assert.True(status.IsReceipt);
        Assert.Equal(confirmation, status.ReadConfirmation.ToArray());
    }

    [Fact]
    public async Task ConfirmReadAsync_ManyConcurrent_ExactlyOneConfirmsAndItsBytesAreKept()
    {
        var key = await ReceiptAsync(LongTimeToLive);
        var confirmations = Enumerable.Range(0, ManyReaders).Select(_ => RandomNumberGenerator.GetBytes(FormatOneConfirmation)).ToArray();
        var next = -1;

        var results = await RaceAsync(ManyReaders, async () =>
        {
            var confirmation = confirmations[Interlocked.Increment(ref next)];
            return (Confirmation: confirmation, Outcome: await Store.ConfirmReadAsync(key, confirmation, default));
        });

        var winner = Assert.Single(results, r => r.Outcome == ConfirmOutcome.Confirmed);
        Assert.All(results.Where(r => r.Outcome != ConfirmOutcome.Confirmed), r => Assert.Equal(ConfirmOutcome.AlreadyConfirmed, r.Outcome));
        Assert.Equal(winner.Confirmation, (await Store.GetStatusAsync(key, default)).ReadConfirmation.ToArray());
    }

    /// <summary>A secret read to its last view, with the receipt left in its place.</summary>
    private async Task<SecretKey> ReceiptAsync(TimeSpan timeToLive)
    {
        var key = NewKey();
        await Store.TryAddAsync(key, RandomNumberGenerator.GetBytes(FormatOneConfirmation), 1, timeToLive, default);
        Assert.NotNull((await Store.TakeViewAsync(key, default)).Ciphertext);
        return key;
    }
}
