using System.Collections.Concurrent;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// The default store: a dictionary in this process. Taking is one <c>TryRemove</c>, so two readers can never both
/// win. Expiry is checked on every access and a background sweep drops entries nobody asks for again. The total
/// ciphertext size is capped; a secret that does not fit is refused and unread secrets are never evicted.
/// </summary>
internal sealed class MemorySecretStore : ISecretStore, IStoreHealth, IExpiryCounter, IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, MemoryEntry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly long _maxTotalBytes;
    private readonly ITimer _sweepTimer;
    private long _totalBytes;
    private long _expired;

    public MemorySecretStore(MemoryStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTotalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SweepInterval, TimeSpan.Zero);

        _timeProvider = timeProvider;
        _maxTotalBytes = options.MaxTotalBytes;
        _sweepTimer = timeProvider.CreateTimer(_ => Sweep(), null, options.SweepInterval, options.SweepInterval);
    }

    /// <summary>Ciphertext bytes held right now, expired-but-not-yet-swept entries included.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long ExpiredCount => Interlocked.Read(ref _expired);

    public ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        ReserveOrThrow(ciphertext.Length);
        var entry = new MemoryEntry(ciphertext.ToArray(), _timeProvider.GetUtcNow() + timeToLive);
        while (!_entries.TryAdd(key.Value, entry))
        {
            if (!_entries.TryGetValue(key.Value, out var existing))
            {
                continue; // Taken or swept between the two lookups: try again.
            }

            if (!existing.IsExpired(_timeProvider.GetUtcNow()))
            {
                Release(entry.Ciphertext.Length);
                return ValueTask.FromResult(false);
            }

            // An expired entry no longer exists as far as callers can tell; make room for the new one.
            RemoveExact(key.Value, existing);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask<byte[]?> TakeAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_entries.TryRemove(key.Value, out var entry))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        Release(entry.Ciphertext.Length);
        if (entry.IsExpired(_timeProvider.GetUtcNow()))
        {
            Interlocked.Increment(ref _expired);
            return ValueTask.FromResult<byte[]?>(null);
        }

        return ValueTask.FromResult<byte[]?>(entry.Ciphertext);
    }

    public ValueTask<TimeSpan?> GetTimeToLiveAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_entries.TryGetValue(key.Value, out var entry))
        {
            return ValueTask.FromResult<TimeSpan?>(null);
        }

        var now = _timeProvider.GetUtcNow();
        if (entry.IsExpired(now))
        {
            RemoveExact(key.Value, entry);
            return ValueTask.FromResult<TimeSpan?>(null);
        }

        return ValueTask.FromResult<TimeSpan?>(entry.ExpiresAt - now);
    }

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Drops every expired entry; the timer calls this, tests may too.</summary>
    internal void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.IsExpired(now))
            {
                RemoveExact(key, entry);
            }
        }
    }

    public void Dispose() => _sweepTimer.Dispose();

    public ValueTask DisposeAsync() => _sweepTimer.DisposeAsync();

    private void ReserveOrThrow(long size)
    {
        if (TryReserve(size))
        {
            return;
        }

        // Expired entries still count until swept; sweep once before refusing.
        Sweep();
        if (!TryReserve(size))
        {
            throw new StoreFullException("The memory store is full; try again after some secrets are read or expire.");
        }
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

    // Removes this very entry only, never a newer one stored under the same key in the meantime. Every caller
    // removes an expired entry, so each removal is one expiry.
    private void RemoveExact(string key, MemoryEntry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Release(entry.Ciphertext.Length);
            Interlocked.Increment(ref _expired);
        }
    }
}
