using BenchmarkDotNet.Attributes;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Memory;

namespace OneTime.Benchmarks;

/// <summary>
/// The memory store's own cost per secret, with a million others waiting: the ciphertext goes to native memory and
/// comes back in one new array, so a store and a take allocate only that array on the managed heap.
/// </summary>
[MemoryDiagnoser]
public class MemoryStoreBenchmarks
{
    private const int Waiting = 1_000_000;
    private const int WaitingWhenFull = 300_000;
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private MemorySecretStore _store = null!;
    private MemorySecretStore _full = null!;
    private byte[] _ciphertext = [];
    private SecretKey[] _keys = [];
    private int _next;

    [Params(285)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 1L << 32 }, TimeProvider.System);
        _ciphertext = new byte[PayloadSize];
        _keys = [.. Enumerable.Range(0, 4096).Select(_ => NewKey())];
        for (var i = 0; i < Waiting; i++) _store.TryAddAsync(NewKey(), _ciphertext, 1, Ttl, default).AsTask().Wait();

        // Exactly full, as the cap counts: every further Store is refused.
        _full = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = WaitingWhenFull * MemorySecretStore.CostOf(PayloadSize) }, TimeProvider.System);
        for (var i = 0; i < WaitingWhenFull; i++) _full.TryAddAsync(NewKey(), _ciphertext, 1, Ttl, default).AsTask().Wait();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _full.Dispose();
    }

    [Benchmark]
    public int AddThenTake()
    {
        var key = _keys[_next++ & (_keys.Length - 1)];
        _store.TryAddAsync(key, _ciphertext, 1, Ttl, default).GetAwaiter().GetResult();
        return _store.TakeViewAsync(key, default).GetAwaiter().GetResult().Ciphertext!.Length;
    }

    /// <summary>
    /// A Store refused by a full store, with 300,000 secrets waiting: refused at once, not after a sweep of every entry
    /// (at most one caller a second sweeps).
    /// </summary>
    [Benchmark]
    public bool AddToFullStore()
    {
        try
        {
            return _full.TryAddAsync(_keys[_next++ & (_keys.Length - 1)], _ciphertext, 1, Ttl, default).GetAwaiter().GetResult();
        }
        catch (StoreFullException)
        {
            return false;
        }
    }

    private static SecretKey NewKey() =>
        SecretKey.Create(Guid.NewGuid().ToByteArray(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
}
