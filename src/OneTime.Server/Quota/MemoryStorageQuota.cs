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
    private readonly ClientWindows<StrongBox<long>> _spent = new(static () => new StrongBox<long>());

    /// <summary>Counters held, for tests: past windows must not pile up.</summary>
    internal int CounterCount => _spent.Count;

    public ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive)
    {
        var window = _window.Current;
        var cost = _window.CostOf(bytes, timeToLive);
        var spent = _spent.GetOrAdd(client, window);
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
        if (charge.Granted && _spent.TryGet(charge.Client, charge.Window, out var spent))
        {
            Interlocked.Add(ref spent.Value, -charge.Cost);
        }
    }
}
