using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Memory;
using OneTime.Server.Tests.Infrastructure;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Memory;

/// <summary>A confirmed receipt in the memory store: its bytes counted against the cap like the receipt's, and freed with it.</summary>
public sealed class MemorySecretStoreConfirmationTests
{
    private const int Confirmation = 285; // format 1 (protos/README.md "Read confirmations (format 1)")
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task ConfirmReadAsync_Receipt_CountsItsChunkUntilTheReceiptExpires()
    {
        using var store = Store(10_000);
        var key = await ReceiptAsync(store);
        var receipt = store.TotalBytes;

        await store.ConfirmReadAsync(key, new byte[Confirmation], default);
        var confirmed = store.TotalBytes;
        _clock.Advance(Hour);
        store.Sweep();

        Assert.Equal(MemorySecretStore.ReceiptCost, receipt);
        Assert.Equal(MemorySecretStore.ReceiptCost + MemorySecretStore.ChunkOf(Confirmation), confirmed);
        Assert.Equal(0, store.TotalBytes);
        Assert.Equal(0, store.ExpiredCount); // a receipt, confirmed or not, is no secret that expired unread
    }

    [Fact]
    public async Task ConfirmReadAsync_RefusedOrMissed_CountsNothing()
    {
        using var store = Store(10_000);
        var key = await ReceiptAsync(store);
        await store.ConfirmReadAsync(key, new byte[Confirmation], default);
        var confirmed = store.TotalBytes;

        await store.ConfirmReadAsync(key, new byte[Confirmation], default);
        await store.ConfirmReadAsync(WrongTokenFor(key), new byte[Confirmation], default);
        await store.ConfirmReadAsync(NewKey(), new byte[Confirmation], default);

        Assert.Equal(confirmed, store.TotalBytes);
    }

    [Fact]
    public async Task ConfirmReadAsync_NoRoom_ThrowsStoreFullAndTheReceiptStaysUnconfirmed()
    {
        // Room for the receipt and a secret, but not for a confirmation besides.
        using var store = Store(MemorySecretStore.ReceiptCost + MemorySecretStore.CostOf(100));
        var key = await ReceiptAsync(store);
        await store.TryAddAsync(NewKey(), new byte[100], 1, Hour, default);
        var full = store.TotalBytes;

        await Assert.ThrowsAsync<StoreFullException>(() => store.ConfirmReadAsync(key, new byte[Confirmation], default).AsTask());

        Assert.Equal(full, store.TotalBytes);
        Assert.True((await store.GetStatusAsync(key, default)).ReadConfirmation.IsEmpty);
    }

    [Fact]
    public async Task ConfirmReadAsync_NoRoomButExpiredEntries_SweepsThemAndConfirms()
    {
        using var store = Store(MemorySecretStore.ReceiptCost + MemorySecretStore.CostOf(100));
        var key = await ReceiptAsync(store, 2 * Hour);
        await store.TryAddAsync(NewKey(), new byte[100], 1, Hour, default);
        _clock.Advance(Hour);

        var outcome = await store.ConfirmReadAsync(key, new byte[Confirmation], default);

        Assert.Equal(ConfirmOutcome.Confirmed, outcome);
        Assert.Equal(MemorySecretStore.ReceiptCost + MemorySecretStore.ChunkOf(Confirmation), store.TotalBytes);
    }

    [Fact]
    public async Task ConfirmReadAsync_NoRoomWrongTokens_StillCountedToTheBurn()
    {
        using var store = Store(MemorySecretStore.CostOf(100));
        var key = NewKey();
        await store.TryAddAsync(key, new byte[100], 1, Hour, default);

        var outcomes = new List<ConfirmOutcome>();
        for (var i = 0; i < SecretRules.Default.MaxWrongAttempts; i++) outcomes.Add(await store.ConfirmReadAsync(WrongTokenFor(key), new byte[Confirmation], default));

        Assert.Equal(ConfirmOutcome.BurnedByWrongTokens, outcomes[^1]);
        Assert.Equal(0, store.TotalBytes);
    }

    [Fact]
    public async Task ConfirmReadAsync_CallersArrayChangedAfterwards_TheStoredCopyIsNot()
    {
        using var store = Store(10_000);
        var key = await ReceiptAsync(store);
        var confirmation = RandomNumberGenerator.GetBytes(Confirmation);
        var original = confirmation.ToArray();

        await store.ConfirmReadAsync(key, confirmation, default);
        confirmation.AsSpan().Clear();

        Assert.Equal(original, (await store.GetStatusAsync(key, default)).ReadConfirmation.ToArray());
    }

    [Fact]
    public async Task Dispose_ConfirmedReceiptHeld_FreesIt()
    {
        var store = Store(10_000);
        var key = await ReceiptAsync(store);
        await store.ConfirmReadAsync(key, new byte[Confirmation], default);

        store.Dispose();

        Assert.Equal(0, store.TotalBytes);
    }

    private MemorySecretStore Store(long maxTotalBytes) =>
        new(new MemoryStoreOptions { MaxTotalBytes = maxTotalBytes, SweepInterval = TimeSpan.FromMinutes(30) }, _clock);

    private static async Task<SecretKey> ReceiptAsync(MemorySecretStore store, TimeSpan? timeToLive = null)
    {
        var key = NewKey();
        await store.TryAddAsync(key, new byte[100], 1, timeToLive ?? Hour, default);
        await store.TakeViewAsync(key, default);
        return key;
    }
}
