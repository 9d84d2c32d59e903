using OneTime.Server.Storage;
using OneTime.Server.Storage.Memory;
using OneTime.Server.Tests.Infrastructure;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage.Memory;

public sealed class MemorySecretStoreTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _clock = new();
    private readonly MemorySecretStore _store;

    // Room for one 100-byte secret as the store counts it: its ciphertext and its overhead.
    private static readonly long Cap = MemorySecretStore.CostOf(100);

    // The capacity tests count secrets alone: the last view leaves nothing behind. Receipts have their own tests below.
    private static readonly SecretRules NoReceipts = SecretRules.Default with { ReadReceipts = false };

    public MemorySecretStoreTests() =>
        _store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = Cap, SweepInterval = SweepInterval }, _clock, NoReceipts);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task TryAddAsync_ExactlyTheCap_Fits()
    {
        var added = await _store.TryAddAsync(NewKey(), new byte[100], Hour, default);

        Assert.True(added);
        Assert.Equal(Cap, _store.TotalBytes);
    }

    [Fact]
    public async Task TryAddAsync_PastTheCap_ThrowsStoreFullAndKeepsUnreadSecrets()
    {
        var kept = NewKey();
        await _store.TryAddAsync(kept, new byte[60], Hour, default);

        await Assert.ThrowsAsync<StoreFullException>(() => _store.TryAddAsync(NewKey(), new byte[41], Hour, default).AsTask());

        Assert.Equal(new byte[60], await _store.TakeAsync(kept, default));
    }

    [Fact]
    public async Task TryAddAsync_AfterTake_HasRoomAgain()
    {
        var first = NewKey();
        await _store.TryAddAsync(first, new byte[100], Hour, default);
        await _store.TakeAsync(first, default);

        var added = await _store.TryAddAsync(NewKey(), new byte[100], Hour, default);

        Assert.True(added);
    }

    [Fact]
    public async Task TryAddAsync_AfterExpiry_HasRoomAgain()
    {
        await _store.TryAddAsync(NewKey(), new byte[100], TimeSpan.FromSeconds(1), default);
        _clock.Advance(TimeSpan.FromSeconds(2)); // expired, but not yet swept

        var added = await _store.TryAddAsync(NewKey(), new byte[100], Hour, default);

        Assert.True(added);
        Assert.Equal(Cap, _store.TotalBytes);
    }

    [Fact]
    public async Task TryAddAsync_ExistingKeyRefused_ReleasesTheReservation()
    {
        using var store = Roomy();
        var key = NewKey();
        await store.TryAddAsync(key, new byte[50], Hour, default);

        await store.TryAddAsync(key, new byte[50], Hour, default);

        Assert.Equal(MemorySecretStore.CostOf(50), store.TotalBytes);
    }

    [Fact]
    public async Task Sweep_TimerFiresAfterExpiry_DropsTheEntryAndFreesItsBytes()
    {
        using var store = Roomy();
        await store.TryAddAsync(NewKey(), new byte[40], TimeSpan.FromSeconds(10), default);
        await store.TryAddAsync(NewKey(), new byte[30], Hour, default);

        _clock.Advance(SweepInterval);

        Assert.Equal(MemorySecretStore.CostOf(30), store.TotalBytes);
    }

    [Fact]
    public async Task Sweep_BeforeExpiry_KeepsTheEntry()
    {
        var key = NewKey();
        await _store.TryAddAsync(key, new byte[40], Hour, default);

        _clock.Advance(SweepInterval);

        Assert.Equal(MemorySecretStore.CostOf(40), _store.TotalBytes);
        Assert.Equal(Hour - SweepInterval, await _store.GetTimeToLiveAsync(key, default));
    }

    [Fact]
    public async Task TakeAsync_ConcurrentAddsAndTakes_AccountsEveryByte()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 1_000_000 }, _clock, NoReceipts);

        await Parallel.ForAsync(0, 2_000, async (i, ct) =>
        {
            var key = NewKey();
            await store.TryAddAsync(key, new byte[i % 97], Hour, ct);
            await store.TakeAsync(key, ct);
        });

        Assert.Equal(0, store.TotalBytes);
    }

    [Fact]
    public async Task TryAddAsync_StoresACopy_CallersChangesDoNotReachIt()
    {
        var key = NewKey();
        var ciphertext = new byte[] { 1, 2, 3 };
        await _store.TryAddAsync(key, ciphertext, Hour, default);
        ciphertext[0] = 9;

        var taken = await _store.TakeAsync(key, default);

        Assert.Equal(new byte[] { 1, 2, 3 }, taken);
    }

    [Fact]
    public async Task TryAddAsync_SliceOfALargerArray_StoresOnlyTheSlice()
    {
        var key = NewKey();
        var buffer = new byte[] { 7, 1, 2, 3, 7 };
        await _store.TryAddAsync(key, buffer.AsMemory(1, 3), Hour, default);

        Assert.Equal(new byte[] { 1, 2, 3 }, await _store.TakeAsync(key, default));
    }

    [Fact]
    public async Task Dispose_WithSecretsHeld_FreesThemAndRefusesNewOnes()
    {
        var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 1_000 }, _clock);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[40], Hour, default);

        store.Dispose();

        Assert.Equal(0, store.TotalBytes);
        Assert.Null(await store.TakeAsync(key, default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.TryAddAsync(NewKey(), new byte[1], Hour, default).AsTask());
        Assert.Equal(0, store.TotalBytes);
    }

    [Fact]
    public async Task Sweep_ManyExpiredAcrossShards_DropsThemAllAndCountsEach()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 10_000_000 }, _clock);
        var kept = NewKey();
        for (var i = 0; i < 5_000; i++) await store.TryAddAsync(NewKey(), new byte[10], TimeSpan.FromSeconds(1), default);
        await store.TryAddAsync(kept, new byte[7], Hour, default);

        _clock.Advance(TimeSpan.FromSeconds(2));
        store.Sweep();

        Assert.Equal(MemorySecretStore.CostOf(7), store.TotalBytes);
        Assert.Equal(5_000, store.ExpiredCount);
        Assert.Equal(new byte[7], await store.TakeAsync(kept, default));
    }

    [Theory]
    [InlineData(1, 32)] // glibc's smallest chunk
    [InlineData(24, 32)] // 24 + its 8-byte header fill the smallest chunk exactly
    [InlineData(25, 48)]
    [InlineData(285, 304)] // the smallest envelope: 285 + 8, rounded up to 16
    public void CostOf_Entry_IsItsNativeChunkAndTwoTableSlots(int length, int chunk)
    {
        // A table slot: hash code, next index, the 16-byte id, the 96-byte entry (the 48-byte key, 16-byte aligned
        // like its UInt128s, then pointer, expiry, read time and three ints), and the bucket index.
        const int slot = 4 + 4 + 16 + 96 + 4;

        Assert.Equal(chunk + 2 * slot, MemorySecretStore.CostOf(length));
    }

    [Fact]
    public async Task TryAddAsync_OneByteSecrets_CountTheirOverheadAgainstTheCap()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 10_000 }, _clock);

        var stored = 0;
        try
        {
            for (; stored < 10_000; stored++)
            {
                await store.TryAddAsync(NewKey(), new byte[1], Hour, default);
            }
        }
        catch (StoreFullException)
        {
        }

        // Counted by ciphertext alone, 10,000 would fit.
        Assert.Equal(10_000 / MemorySecretStore.CostOf(1), stored);
    }

    [Fact]
    public async Task TryAddAsync_WhenFull_SweepsForExpiredEntriesAtMostOncePerSecond()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 2 * Cap, SweepInterval = SweepInterval }, _clock);
        await store.TryAddAsync(NewKey(), new byte[100], TimeSpan.FromMilliseconds(250), default);
        await store.TryAddAsync(NewKey(), new byte[100], Hour, default);
        await Assert.ThrowsAsync<StoreFullException>(() => store.TryAddAsync(NewKey(), new byte[100], Hour, default).AsTask()); // swept: nothing expired

        _clock.Advance(TimeSpan.FromMilliseconds(500)); // the first has expired, but the last sweep was half a second ago
        await Assert.ThrowsAsync<StoreFullException>(() => store.TryAddAsync(NewKey(), new byte[100], Hour, default).AsTask());
        var expiredBefore = store.ExpiredCount;

        _clock.Advance(TimeSpan.FromMilliseconds(600));
        var added = await store.TryAddAsync(NewKey(), new byte[100], Hour, default);

        Assert.Equal(0, expiredBefore);
        Assert.True(added);
        Assert.Equal(1, store.ExpiredCount);
    }

    [Fact]
    public async Task TakeViewAsync_LastViewWithReceipts_KeepsOnlyTheReceiptsCostUntilExpiry()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 10_000, SweepInterval = SweepInterval }, _clock);
        var key = NewKey();
        await store.TryAddAsync(key, new byte[500], 2, Hour, default);

        await store.TakeViewAsync(key, default);
        var whileWaiting = store.TotalBytes;
        await store.TakeViewAsync(key, default);
        var asReceipt = store.TotalBytes;
        _clock.Advance(Hour);
        store.Sweep();

        Assert.Equal(MemorySecretStore.CostOf(500), whileWaiting);
        Assert.Equal(MemorySecretStore.ReceiptCost, asReceipt);
        Assert.Equal(0, store.TotalBytes);
        Assert.Equal(0, store.ExpiredCount); // a receipt expiring is not a secret that expired unread
    }

    [Fact]
    public async Task TakeViewAsync_ConcurrentMultiViewReaders_AccountsEveryByte()
    {
        using var store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 10_000_000 }, _clock);
        var keys = Enumerable.Range(0, 200).Select(_ => NewKey()).ToArray();
        foreach (var key in keys) await store.TryAddAsync(key, new byte[300], 3, Hour, default);

        await Parallel.ForAsync(0, keys.Length * 5, async (i, ct) => await store.TakeViewAsync(keys[i % keys.Length], ct));

        Assert.Equal(keys.Length * MemorySecretStore.ReceiptCost, store.TotalBytes);
    }

    [Fact]
    public async Task BurnAsync_WrongTokensToTheLimit_FreesTheSecret()
    {
        using var store = Roomy();
        var key = NewKey();
        var wrong = SecretKey.Create(IdOf(key), System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
        await store.TryAddAsync(key, new byte[50], Hour, default);

        for (var i = 0; i < SecretRules.Default.MaxWrongAttempts; i++) await store.BurnAsync(wrong, default);

        Assert.Equal(0, store.TotalBytes);
    }

    [Fact]
    public void Dispose_Twice_DoesNotThrow()
    {
        var store = new MemorySecretStore(new MemoryStoreOptions(), _clock);

        store.Dispose();
        store.Dispose();
    }

    private MemorySecretStore Roomy() => new(new MemoryStoreOptions { MaxTotalBytes = 10_000, SweepInterval = SweepInterval }, _clock, NoReceipts);

    private static byte[] IdOf(SecretKey key)
    {
        var id = new byte[SecretKey.IdSize];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(id, key.Id);
        return id;
    }
}
