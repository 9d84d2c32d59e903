using System.Runtime.CompilerServices;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// The default store: tables in this process. Taking is one removal under the entry's lock, so two readers can never
/// both win. Expiry is checked on every access and a background sweep drops entries nobody asks for again. The memory
/// the entries take is capped (each entry's real cost, <see cref="CostOf"/>); a secret that does not fit is refused at
/// once, and unread secrets are never evicted.
/// </summary>
/// <remarks>
/// Built so that a million waiting secrets do not stall the server. The garbage collector copies every object that
/// survives a young collection and marks every live object in a full one, and every secret here survives many: a
/// dictionary of strings, records and arrays made young collections copy the secrets stored since the last one, and
/// full ones trace millions of objects (stalls of tens of milliseconds at tens of thousands of stores a second,
/// tests/PERFORMANCE.md). So the store holds no object per secret: keys and entries are values inline in the tables, and each
/// ciphertext lives in native memory that the garbage collector never sees, freed by whoever removes its entry (under
/// the shard's lock, so exactly once). Taking copies it out into a fresh array. The tables are sharded, so growing
/// one, or sweeping one, holds up only the callers of that shard, and only briefly.
/// </remarks>
internal sealed class MemorySecretStore : ISecretStore, IStoreHealth, IExpiryCounter, IDisposable, IAsyncDisposable
{
    private const int ShardBits = 8;
    private const int ShardCount = 1 << ShardBits;

    // glibc malloc (what Marshal.AllocHGlobal calls on Linux) keeps an 8-byte size header per chunk, rounds chunks up
    // to 16 bytes and makes none smaller than 32 (glibc malloc/malloc.c, "Chunk representations").
    private const int NativeHeaderBytes = 8;
    private const int NativeAlignment = 16;
    private const int NativeMinimumChunk = 32;

    // A table slot: the entry (hash code, next index, key, value) and its bucket index. A Dictionary doubles when full,
    // so right after growing it holds two slots per entry: count both, so the cap holds whatever the tables' state.
    private static readonly int TableBytesPerEntry =
        2 * (Unsafe.SizeOf<SecretKey>() + Unsafe.SizeOf<MemoryEntry>() + 3 * sizeof(int));

    // When full, a Store may sweep for expired entries, but not more often than this: a whole-store sweep on every
    // refused Store made each one cost a pass over every entry (9x slower at 300,000 entries).
    private static readonly TimeSpan MaxFullSweepSpacing = TimeSpan.FromSeconds(1);

    private readonly Dictionary<SecretKey, MemoryEntry>[] _shards;
    private readonly TimeProvider _timeProvider;
    private readonly long _maxTotalBytes;
    private readonly ITimer _sweepTimer;
    private readonly long _fullSweepSpacingTicks;
    private long _lastFullSweepTicks = long.MinValue;
    private long _totalBytes;
    private long _expired;
    private bool _disposed;

    public MemorySecretStore(MemoryStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTotalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SweepInterval, TimeSpan.Zero);

        _shards = new Dictionary<SecretKey, MemoryEntry>[ShardCount];
        for (var i = 0; i < ShardCount; i++) _shards[i] = [];
        _timeProvider = timeProvider;
        _maxTotalBytes = options.MaxTotalBytes;
        _fullSweepSpacingTicks = Math.Min(MaxFullSweepSpacing.Ticks, options.SweepInterval.Ticks);
        _sweepTimer = timeProvider.CreateTimer(static state => ((MemorySecretStore)state!).Sweep(), this, options.SweepInterval, options.SweepInterval);
    }

    /// <summary>
    /// Bytes held right now, as <see cref="CostOf"/> counts them, expired-but-not-yet-swept entries included.
    /// </summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long ExpiredCount => Interlocked.Read(ref _expired);

    /// <summary>
    /// What an entry of <paramref name="length"/> ciphertext bytes really costs: its native chunk and its share of the
    /// table. 400,000 one-byte secrets once took 94 MiB while counting 0.4 MB against the cap.
    /// </summary>
    public static long CostOf(int length)
    {
        var chunk = Math.Max(NativeMinimumChunk, (length + NativeHeaderBytes + NativeAlignment - 1) & ~(NativeAlignment - 1));
        return chunk + TableBytesPerEntry;
    }

    public ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var cost = CostOf(ciphertext.Length);
        ReserveOrThrow(cost);
        var now = _timeProvider.GetUtcNow();
        var entry = MemoryEntry.Create(ciphertext, (now + timeToLive).UtcTicks);

        var shard = ShardOf(key);
        lock (shard)
        {
            var found = shard.TryGetValue(key, out var existing);
            if (!_disposed && !(found && !existing.IsExpired(now)))
            {
                if (found)
                {
                    // An expired entry no longer exists as far as callers can tell; the new one takes its place.
                    Expire(existing);
                }

                shard[key] = entry;
                return ValueTask.FromResult(true);
            }
        }

        Release(cost);
        entry.Free();
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ValueTask.FromResult(false);
    }

    public ValueTask<byte[]?> TakeAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var shard = ShardOf(key);
        MemoryEntry entry;
        lock (shard)
        {
            if (!shard.Remove(key, out entry))
            {
                return ValueTask.FromResult<byte[]?>(null);
            }
        }

        if (entry.IsExpired(_timeProvider.GetUtcNow()))
        {
            Expire(entry);
            return ValueTask.FromResult<byte[]?>(null);
        }

        var ciphertext = entry.CopyOut();
        entry.Free();
        Release(CostOf(ciphertext.Length));
        return ValueTask.FromResult<byte[]?>(ciphertext);
    }

    public ValueTask<TimeSpan?> GetTimeToLiveAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var shard = ShardOf(key);
        lock (shard)
        {
            if (!shard.TryGetValue(key, out var entry))
            {
                return ValueTask.FromResult<TimeSpan?>(null);
            }

            if (entry.IsExpired(now))
            {
                shard.Remove(key);
                Expire(entry);
                return ValueTask.FromResult<TimeSpan?>(null);
            }

            return ValueTask.FromResult<TimeSpan?>(TimeSpan.FromTicks(entry.ExpiresAtUtcTicks - now.UtcTicks));
        }
    }

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Drops every expired entry, one shard at a time; the timer calls this, tests may too.</summary>
    internal void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                foreach (var (key, entry) in shard)
                {
                    if (entry.IsExpired(now))
                    {
                        shard.Remove(key); // allowed while enumerating a Dictionary
                        Expire(entry);
                    }
                }

                // A table keeps its size after a burst has been read or has expired; give that memory back.
                if (shard.Capacity > 64 && shard.Count < shard.Capacity / 4)
                {
                    shard.TrimExcess();
                }
            }
        }
    }

    /// <summary>Stops the sweep and frees every ciphertext still held; adding afterwards throws.</summary>
    public void Dispose()
    {
        _sweepTimer.Dispose();
        // An add reads this under its shard's lock: one that missed it inserted before that shard is emptied below.
        Volatile.Write(ref _disposed, true);
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                foreach (var entry in shard.Values)
                {
                    Release(CostOf(entry.Length));
                    entry.Free();
                }

                shard.Clear();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // The top bits of the key's hash pick the shard; the shard's table uses the whole hash, so its buckets still spread.
    private Dictionary<SecretKey, MemoryEntry> ShardOf(SecretKey key) => _shards[(uint)key.GetHashCode() >> (32 - ShardBits)];

    private void ReserveOrThrow(long size)
    {
        if (TryReserve(size))
        {
            return;
        }

        // Expired entries still count until swept: sweep before refusing, unless a sweep ran moments ago. Only the one
        // caller that claims the sweep waits for it; the others are refused at once.
        if (TryClaimFullSweep())
        {
            Sweep();
            if (TryReserve(size))
            {
                return;
            }
        }

        throw new StoreFullException("The memory store is full; try again after some secrets are read or expire.");
    }

    private bool TryClaimFullSweep()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastFullSweepTicks);
        return (last == long.MinValue || now - last >= _fullSweepSpacingTicks)
            && Interlocked.CompareExchange(ref _lastFullSweepTicks, now, last) == last;
    }

    private bool TryReserve(long size)
    {
        var current = Interlocked.Read(ref _totalBytes);
        while (current + size <= _maxTotalBytes)
        {
            var seen = Interlocked.CompareExchange(ref _totalBytes, current + size, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private void Release(long size) => Interlocked.Add(ref _totalBytes, -size);

    // An entry that left its table unread because its time was up: one expiry, and its memory back.
    private void Expire(MemoryEntry entry)
    {
        Release(CostOf(entry.Length));
        entry.Free();
        Interlocked.Increment(ref _expired);
    }
}
