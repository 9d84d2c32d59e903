using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OneTime.Server.Quota;

/// <summary>
/// The quota for the memory store, in this process: one counter per client and window, charged with a
/// compare-and-swap (no lock on the Store path; the table locks only to add a client's first counter of a window).
/// Counters of past windows are dropped when a new window starts.
/// </summary>
internal sealed class MemoryStorageQuota(QuotaOptions options, TimeProvider time) : IStorageQuota
{
    private readonly QuotaWindow _window = new(options, time);
    private readonly ConcurrentDictionary<(string Client, long Window), StrongBox<long>> _spent = new();
    private long _latestWindow;

    /// <summary>Counters held, for tests: past windows must not pile up.</summary>
    internal int CounterCount => _spent.Count;

    public ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive)
    {
        var window = _window.Current;
        DropPastWindows(window);
        var cost = _window.CostOf(bytes, timeToLive);
        var spent = _spent.GetOrAdd((client, window), static _ => new StrongBox<long>());
        var current = Volatile.Read(ref spent.Value);
        while (current + cost <= _window.Limit)
        {
            var seen = Interlocked.CompareExchange(ref spent.Value, current + cost, current);
            if (seen == current)
            {
                return ValueTask.FromResult(new QuotaCharge(true, client, window, cost));
            }

            current = seen;
        }

        return ValueTask.FromResult(new QuotaCharge(false, client, window, cost));
    }

    public void Refund(QuotaCharge charge)
    {
        if (charge.Granted && _spent.TryGetValue((charge.Client, charge.Window), out var spent))
        {
            Interlocked.Add(ref spent.Value, -charge.Cost);
        }
    }

    // Whoever first sees a new window clears the old ones; a charge racing with it into a past window is lost with it.
    private void DropPastWindows(long window)
    {
        var latest = Volatile.Read(ref _latestWindow);
        if (window <= latest || Interlocked.CompareExchange(ref _latestWindow, window, latest) != latest)
        {
            return;
        }

        foreach (var key in _spent.Keys)
        {
            if (key.Window < window)
            {
                _spent.TryRemove(key, out _);
            }
        }
    }
}
