namespace OneTime.Client.Internal.Limits;

/// The limits of each service a client talks to, kept for a short while. A send needs them before it uploads, so
/// without a cache every send would cost a second round trip; kept for the client's whole life instead, a
/// long-lived client (a singleton in a web app) would never see a server restarted with new limits. Five minutes
/// is both: a burst of sends asks once, and a reconfiguration is seen within minutes (and at once after a refusal,
/// see Forget). Failures are not kept.
internal sealed class LimitsCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // As for channels (SecretServiceCaller): links may name any host; past a handful, each lookup asks again.
    private const int MaxEntries = 16;

    private readonly Dictionary<string, (ServiceLimits Limits, DateTimeOffset FetchedAt)> _entries = new(StringComparer.Ordinal);

    public async Task<ServiceLimits> GetAsync(Uri address, Func<Task<ServiceLimits>> fetch)
    {
        var key = Key(address);
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.FetchedAt < Lifetime)
            {
                return entry.Limits;
            }
        }

        // Two first calls at once may both ask: harmless, and simpler than sharing one caller's cancellable task.
        var limits = await fetch().ConfigureAwait(false);
        lock (_entries)
        {
            if (_entries.Count < MaxEntries || _entries.ContainsKey(key))
            {
                _entries[key] = (limits, time.GetUtcNow());
            }
        }

        return limits;
    }

    /// The service refused what its limits allowed: they changed, so the next call asks again.
    public void Forget(Uri address)
    {
        lock (_entries)
        {
            _entries.Remove(Key(address));
        }
    }

    private static string Key(Uri address) => address.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
