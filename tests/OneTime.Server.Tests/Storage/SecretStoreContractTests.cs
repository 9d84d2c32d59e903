using System.Security.Cryptography;
using OneTime.Server.Storage;
using static OneTime.Server.Tests.Storage.TestKeys;

namespace OneTime.Server.Tests.Storage;

/// <summary>
/// The contract every <see cref="ISecretStore"/> keeps. Each implementation runs this same suite through a
/// subclass that says how to build the store and how to let time pass.
/// </summary>
public abstract partial class SecretStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan LongTimeToLive = TimeSpan.FromHours(1);
    private ISecretStore? _store;

    protected ISecretStore Store => _store ?? throw new InvalidOperationException("The store has not been created yet.");

    /// <summary>A time to live short enough that <see cref="LetTimePassAsync"/> can outlast it.</summary>
    protected abstract TimeSpan ShortTimeToLive { get; }

    /// <summary>The largest value the test store must accept byte for byte.</summary>
    protected abstract int LargeValueSize { get; }

    /// <summary>A store following <paramref name="rules"/>; the test disposes it.</summary>
    protected abstract Task<ISecretStore> CreateStoreAsync(SecretRules rules);

    protected abstract Task LetTimePassAsync(TimeSpan duration);

    public async Task InitializeAsync() => _store = await CreateStoreAsync(SecretRules.Default);

    public Task DisposeAsync() => DisposeStoreAsync(_store);

    protected static async Task DisposeStoreAsync(ISecretStore? store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }

    [Fact]
    public async Task TakeAsync_AfterAdd_ReturnsTheBytes()
    {
        var key = NewKey();
        byte[] ciphertext = [1, 2, 3, 0, 255];

        var added = await Store.TryAddAsync(key, ciphertext, LongTimeToLive, default);
        var taken = await Store.TakeAsync(key, default);

        Assert.True(added);
        Assert.Equal(ciphertext, taken);
    }

    [Fact]
    public async Task TakeAsync_SecondTime_ReturnsNull()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 42 }, LongTimeToLive, default);
        await Store.TakeAsync(key, default);

        var second = await Store.TakeAsync(key, default);

        Assert.Null(second);
        Assert.Null(await Store.GetTimeToLiveAsync(key, default));
    }

    [Fact]
    public async Task TakeAsync_WrongToken_TakesNothingAndKeepsTheSecret()
    {
        var id = RandomNumberGenerator.GetBytes(SecretKey.IdSize);
        var key = SecretKey.Create(id, RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
        var wrong = SecretKey.Create(id, RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
        await Store.TryAddAsync(key, new byte[] { 7, 7 }, LongTimeToLive, default);

        var stolen = await Store.TakeAsync(wrong, default);

        Assert.Null(stolen);
        Assert.Equal(new byte[] { 7, 7 }, await Store.TakeAsync(key, default));
    }

    [Fact]
    public async Task TryAddAsync_ExistingKey_ReturnsFalseAndKeepsTheOriginal()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, LongTimeToLive, default);

        var added = await Store.TryAddAsync(key, new byte[] { 2 }, LongTimeToLive, default);

        Assert.False(added);
        Assert.Equal(new byte[] { 1 }, await Store.TakeAsync(key, default));
    }

    [Fact]
    public async Task GetTimeToLiveAsync_StoredSecret_ReportsTheRemainingTime()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, LongTimeToLive, default);

        var timeToLive = await Store.GetTimeToLiveAsync(key, default);

        Assert.NotNull(timeToLive);
        Assert.InRange(timeToLive.Value, LongTimeToLive - TimeSpan.FromSeconds(10), LongTimeToLive);
        Assert.Equal(new byte[] { 1 }, await Store.TakeAsync(key, default)); // Asking did not consume it.
    }

    [Fact]
    public async Task GetTimeToLiveAsync_UnknownKey_ReturnsNull()
    {
        var timeToLive = await Store.GetTimeToLiveAsync(NewKey(), default);

        Assert.Null(timeToLive);
    }

    [Fact]
    public async Task TakeAsync_AfterExpiry_ReturnsNull()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, ShortTimeToLive, default);

        await LetTimePassAsync(ShortTimeToLive * 2);

        Assert.Null(await Store.GetTimeToLiveAsync(key, default));
        Assert.Null(await Store.TakeAsync(key, default));
    }

    [Fact]
    public async Task TryAddAsync_AfterExpiry_StoresAgain()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, new byte[] { 1 }, ShortTimeToLive, default);
        await LetTimePassAsync(ShortTimeToLive * 2);

        var added = await Store.TryAddAsync(key, new byte[] { 2 }, LongTimeToLive, default);

        Assert.True(added);
        Assert.Equal(new byte[] { 2 }, await Store.TakeAsync(key, default));
    }

    [Fact]
    public async Task TakeAsync_SixtyFourConcurrentReaders_ExactlyOneGetsTheBytes()
    {
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(100);
        await Store.TryAddAsync(key, ciphertext, LongTimeToLive, default);
        // An awaited gate rather than a blocking one: 64 blocked pool threads would starve every other test's timers.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var readers = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () => { await start.Task; return await Store.TakeAsync(key, default); }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(readers);

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(ciphertext, winner);
    }

    [Fact]
    public async Task TakeAsync_LargeValue_ReturnsItByteForByte()
    {
        var key = NewKey();
        var ciphertext = RandomNumberGenerator.GetBytes(LargeValueSize);
        await Store.TryAddAsync(key, ciphertext, LongTimeToLive, default);

        var taken = await Store.TakeAsync(key, default);

        Assert.Equal(ciphertext, taken);
    }

    [Fact]
    public async Task TakeAsync_EmptyValue_ReturnsEmptyNotNull()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, ReadOnlyMemory<byte>.Empty, LongTimeToLive, default);

        var taken = await Store.TakeAsync(key, default);

        Assert.NotNull(taken);
        Assert.Empty(taken);
    }
}
