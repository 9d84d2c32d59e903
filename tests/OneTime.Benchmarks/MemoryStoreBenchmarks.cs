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
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private MemorySecretStore _store = null!;
    private byte[] _ciphertext = [];
    private SecretKey[] _keys = [];
    private int _next;

    [Params(256)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 1L << 32 }, TimeProvider.System);
        _ciphertext = new byte[PayloadSize];
        _keys = [.. Enumerable.Range(0, 4096).Select(_ => NewKey())];
        for (var i = 0; i < Waiting; i++) _store.TryAddAsync(NewKey(), _ciphertext, Ttl, default).AsTask().Wait();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public int AddThenTake()
    {
        var key = _keys[_next++ & (_keys.Length - 1)];
        _store.TryAddAsync(key, _ciphertext, Ttl, default).GetAwaiter().GetResult();
        return _store.TakeAsync(key, default).GetAwaiter().GetResult()!.Length;
    }

    private static SecretKey NewKey() =>
        SecretKey.Create(Guid.NewGuid().ToByteArray(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));
}
