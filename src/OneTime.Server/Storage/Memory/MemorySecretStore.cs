using System.Runtime.CompilerServices;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// The default store: tables in this process, keyed by secret id, each entry holding its token's digest (compared in
/// constant time), its ciphertext, views left, wrong attempts and receipt (with the reader's confirmation once given).
/// Every operation on an entry runs under its shard's lock, so of any number of concurrent readers exactly as many win
/// as there were views, and racing wrong tokens burn it exactly at the limit. It has no upgrade concern: nothing survives a restart. Expiry is checked on every access and a background sweep drops entries nobody asks for again. The memory
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
        2 * (Unsafe.SizeOf<UInt128>() + Unsafe.SizeOf<MemoryEntry>() + 3 * sizeof(int));

    /// <summary>What a read receipt costs: its table slots, and nothing else.</summary>
    internal static readonly long ReceiptCost = TableBytesPerEntry;

    // When full, a Store may sweep for expired entries, but not more often than this: a whole-store sweep on every
    // refused Store made each one cost a pass over every entry (9x slower at 300,000 entries).
    private static readonly TimeSpan MaxFullSweepSpacing = TimeSpan.FromSeconds(1);

    private readonly Dictionary<UInt128, MemoryEntry>[] _shards;
    private readonly TimeProvider _timeProvider;
    private readonly SecretRules _rules;
    private readonly long _maxTotalBytes;
    private readonly ITimer _sweepTimer;
    private readonly long _fullSweepSpacingTicks;
    private long _lastFullSweepTicks = long.MinValue;
    private long _totalBytes;
    private long _expired;
    private bool _disposed;

    public MemorySecretStore(MemoryStoreOptions options, TimeProvider timeProvider, SecretRules? rules = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTotalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SweepInterval, TimeSpan.Zero);

        _rules = rules ?? SecretRules.Default;
        _shards = new Dictionary<UInt128, MemoryEntry>[ShardCount];
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
    public static long CostOf(int length) => ChunkOf(length) + TableBytesPerEntry;

    /// <summary>What a receipt's confirmation of <paramref name="length"/> bytes adds to it: its native chunk.</summary>
    internal static long ChunkOf(int length) =>
        Math.Max(NativeMinimumChunk, (length + NativeHeaderBytes + NativeAlignment - 1) & ~(NativeAlignment - 1));

    public ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(views);
        cancellationToken.ThrowIfCancellationRequested();

        var cost = CostOf(ciphertext.Length);
        ReserveOrThrow(cost);
        var now = _timeProvider.GetUtcNow();
        var entry = MemoryEntry.Create(key, ciphertext, views, (now + timeToLive).UtcTicks);

        var shard = ShardOf(key);
        lock (shard)
        {
            var found = shard.TryGetValue(key.Id, out var existing);
            if (!_disposed && !(found && !existing.IsExpired(now)))
            {
                if (found)
                {
                    // An expired entry no longer exists as far as callers can tell; the new one takes its place.
                    Expire(existing);
                }

                shard[key.Id] = entry;
                return ValueTask.FromResult(true);
            }
        }

        Release(cost);
        entry.Free();
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ValueTask.FromResult(false);
    }

    public ValueTask<TakeResult> TakeViewAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var shard = ShardOf(key);
        MemoryEntry entry;
        lock (shard)
        {
            var outcome = Find(shard, key, now, out entry);
            if (outcome != LookupOutcome.Found || entry.IsReceipt)
            {
                return ValueTask.FromResult(TakeResult.Missed(outcome));
            }

            if (entry.ViewsLeft > 1)
            {
                // Others may still read it, so the bytes are copied while the entry is held; the last view frees them.
                shard[key.Id] = entry with { ViewsLeft = entry.ViewsLeft - 1, ReadAtUtcTicks = now.UtcTicks };
                return ValueTask.FromResult(TakeResult.Taken(entry.CopyOut(), entry.ViewsLeft - 1));
            }

            // The last view: the ciphertext leaves the table here, so this caller alone owns its memory.
            if (_rules.ReadReceipts)
            {
                shard[key.Id] = entry.ToReceipt(now.UtcTicks);
            }
            else
            {
                shard.Remove(key.Id);
            }
        }

        var ciphertext = entry.CopyOut();
        entry.Free();
        Release(CostOf(entry.Length) - (_rules.ReadReceipts ? ReceiptCost : 0));
        return ValueTask.FromResult(TakeResult.Taken(ciphertext, 0));
    }

    public ValueTask<SecretStatus> GetStatusAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var shard = ShardOf(key);
        lock (shard)
        {
            var outcome = Find(shard, key, now, out var entry);
            if (outcome != LookupOutcome.Found)
            {
                return ValueTask.FromResult(SecretStatus.Missed(outcome));
            }

            DateTimeOffset? readAt = entry.ReadAtUtcTicks == MemoryEntry.NeverRead ? null : new DateTimeOffset(entry.ReadAtUtcTicks, TimeSpan.Zero);
            var timeToLive = TimeSpan.FromTicks(entry.ExpiresAtUtcTicks - now.UtcTicks);
            var confirmation = entry.IsConfirmed ? entry.CopyOut() : default(ReadOnlyMemory<byte>);
            return ValueTask.FromResult(new SecretStatus(LookupOutcome.Found, entry.ViewsLeft, timeToLive, readAt, confirmation));
        }
    }

    public ValueTask<LookupOutcome> BurnAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var shard = ShardOf(key);
        MemoryEntry entry;
        lock (shard)
        {
            var outcome = Find(shard, key, now, out entry);
            if (outcome != LookupOutcome.Found || entry.IsReceipt)
            {
                // Already read: the receipt stays, as it would after any other miss.
                return ValueTask.FromResult(outcome == LookupOutcome.Found ? LookupOutcome.NotFound : outcome);
            }

            shard.Remove(key.Id);
        }

        Drop(entry);
        return ValueTask.FromResult(LookupOutcome.Found);
    }

    public ValueTask<ConfirmOutcome> ConfirmReadAsync(SecretKey key, ReadOnlyMemory<byte> confirmation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(confirmation.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(confirmation.Length, ReadConfirmation.MaxBytes);
        cancellationToken.ThrowIfCancellationRequested();

        // A confirmation is counted against the cap like the receipt it joins. The room is taken under the shard's
        // lock, once the entry is known to be an unconfirmed receipt, so that a wrong token is counted whether or not
        // the store is full; only a full store's sweep, which takes every shard's lock, waits until the lock is let go.
        var cost = ChunkOf(confirmation.Length);
        var (bytes, length) = MemoryEntry.Allocate(confirmation);
        var reserved = false;
        try
        {
            var shard = ShardOf(key);
            while (true)
            {
                var now = _timeProvider.GetUtcNow();
                lock (shard)
                {
                    var outcome = Find(shard, key, now, out var entry);
                    if (outcome != LookupOutcome.Found)
                    {
                        return ValueTask.FromResult(outcome == LookupOutcome.BurnedByWrongTokens ? ConfirmOutcome.BurnedByWrongTokens : ConfirmOutcome.NotFound);
                    }

                    if (!entry.IsReceipt) return ValueTask.FromResult(ConfirmOutcome.StillHasViews);
                    if (entry.IsConfirmed) return ValueTask.FromResult(ConfirmOutcome.AlreadyConfirmed);
                    if (reserved || TryReserve(cost))
                    {
                        // The receipt's expiry stays the secret's: a confirmation never extends it.
                        shard[key.Id] = entry with { Bytes = bytes, Length = length };
                        (bytes, reserved) = (0, false);
                        return ValueTask.FromResult(ConfirmOutcome.Confirmed);
                    }
                }

                ReserveOrThrow(cost); // sweeps expired entries first, or throws StoreFullException
                reserved = true;
            }
        }
        finally
        {
            if (reserved) Release(cost);
            MemoryEntry.Free(bytes);
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
                    Drop(entry);
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

    /// <summary>
    /// The entry under the key's id, if the key's token matches it; called under the shard's lock. An expired entry is
    /// dropped. A wrong token for a secret with views left counts one attempt, and the one that reaches the limit
    /// burns it; a wrong token for a receipt counts nothing, for there is nothing left to guard.
    /// </summary>
    private LookupOutcome Find(Dictionary<UInt128, MemoryEntry> shard, SecretKey key, DateTimeOffset now, out MemoryEntry entry)
    {
        if (!shard.TryGetValue(key.Id, out entry))
        {
            return LookupOutcome.NotFound;
        }

        if (entry.IsExpired(now))
        {
            shard.Remove(key.Id);
            Expire(entry);
            return LookupOutcome.NotFound;
        }

        if (entry.Key.HasDigestOf(key))
        {
            return LookupOutcome.Found;
        }

        if (entry.IsReceipt)
        {
            return LookupOutcome.NotFound;
        }

        var attempts = entry.WrongAttempts + 1;
        if (attempts < _rules.MaxWrongAttempts)
        {
            shard[key.Id] = entry with { WrongAttempts = attempts };
            return LookupOutcome.NotFound;
        }

        shard.Remove(key.Id);
        Drop(entry);
        return LookupOutcome.BurnedByWrongTokens;
    }

    // The top bits of the id pick the shard; the shard's table uses the whole hash, so its buckets still spread.
    private Dictionary<UInt128, MemoryEntry> ShardOf(SecretKey key) => _shards[(uint)key.GetHashCode() >> (32 - ShardBits)];

    private static long CostOf(MemoryEntry entry) =>
        !entry.IsReceipt ? CostOf(entry.Length) : entry.IsConfirmed ? ReceiptCost + ChunkOf(entry.Length) : ReceiptCost;

    // An entry removed from its table before it expired (burned): its memory back, and no expiry counted.
    private void Drop(MemoryEntry entry)
    {
        Release(CostOf(entry));
        entry.Free();
    }

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

    // An entry that left its table because its time was up: its memory back, and one expiry if it was never fully read.
    private void Expire(MemoryEntry entry)
    {
        Drop(entry);
        if (!entry.IsReceipt) Interlocked.Increment(ref _expired);
    }
}
