using System.Globalization;
using OneTime.Server.Storage.Redis;
using StackExchange.Redis;

namespace OneTime.Server.Quota;

/// <summary>
/// The quota on Redis, shared by every server using it: one counter key per client and window, charged by a script
/// on that one key (so it is atomic, and Cluster-safe without a hash tag), which expires with its window.
/// </summary>
/// <remarks>
/// A script on every Store cost as much as the rest of the Store (tests/PERFORMANCE.md), so each server takes the
/// client's budget from Redis in leases of a sixteenth of the limit and spends them here; a Store goes to Redis only
/// when its client's lease here is used up, and then beside the secret's SET through the store's
/// <see cref="RedisWriteCoalescer"/>, so it still costs one round trip. Nothing is ever spent in Redis that a lease
/// did not take first, so no client stores more than its quota across all servers. The price: a client's budget
/// leased by one server and unused there is not available on another until the next window, so with S servers a
/// client may be refused up to S - 1 leases (S/16 of its quota) early. Near the limit a lease is the one secret's cost,
/// so the last of the budget is used exactly. A refund goes back into the lease, not to Redis.
/// </remarks>
internal sealed class RedisStorageQuota : IStorageQuota
{
    private const string Eval = "EVALSHA";
    private const int LeasesPerQuota = 16;

    // KEYS[1] the client's counter for this window; ARGV[1] the lease wanted, ARGV[2] the cost of the secret at hand,
    // ARGV[3] the limit, ARGV[4] the window in ms. Grants the lease if it fits, else just the cost if that fits, else
    // nothing (0), in one step, so concurrent leases from several servers cannot overshoot together. The counter lives
    // one window from its first charge: later windows use other keys.
    private const string LeaseScript = """
        local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
        local limit = tonumber(ARGV[3])
        local grant = tonumber(ARGV[1])
        if spent + grant > limit then grant = tonumber(ARGV[2]) end
        if spent + grant > limit then return 0 end
        redis.call('INCRBY', KEYS[1], grant)
        if spent == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return grant
        """;

    private readonly RedisWriteCoalescer _commands;
    private readonly RedisKey _keyPrefix;
    private readonly string _endpoints;
    private readonly RedisLogins? _logins;
    private readonly QuotaWindow _window;
    private readonly long _lease;
    private readonly RedisValue _limit;
    private readonly RedisValue _windowMilliseconds;
    // What was left in a past window's leases stays spent in that window's counter.
    private readonly ClientWindows<Lease> _leases = new(static () => new Lease());

    public RedisStorageQuota(RedisWriteCoalescer commands, RedisKey keyPrefix, string endpoints, QuotaOptions options, TimeProvider time,
        RedisLogins? logins = null)
    {
        _logins = logins;
        _commands = commands;
        _keyPrefix = keyPrefix.Append("quota:");
        _endpoints = endpoints;
        _window = new QuotaWindow(options, time);
        _lease = Math.Max(1, options.MaxBytes / LeasesPerQuota);
        _limit = options.MaxBytes;
        _windowMilliseconds = (long)Math.Ceiling(options.Window.TotalMilliseconds);
    }

    /// <summary>Leases held here, for tests: past windows must not pile up.</summary>
    internal int LeaseCount => _leases.Count;

    public ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive)
    {
        var window = _window.Current;
        var cost = _window.CostOf(bytes, timeToLive);
        var lease = _leases.GetOrAdd(client, window);
        return lease.TrySpend(cost)
            ? ValueTask.FromResult(new QuotaCharge(true, client, window, cost))
            : LeaseAndChargeAsync(lease, client, window, cost);
    }

    public void Refund(QuotaCharge charge)
    {
        if (charge.Granted && _leases.TryGet(charge.Client, charge.Window, out var lease))
        {
            lease.Add(charge.Cost);
        }
    }

    // One lease request at a time per client here: concurrent first Stores would otherwise each take a lease, and a
    // burst of sixteen would take the client's whole budget into this one server at once. The others wait for it and
    // spend from what it brought.
    private async ValueTask<QuotaCharge> LeaseAndChargeAsync(Lease lease, string client, long window, long cost)
    {
        await lease.Refilling.WaitAsync().ConfigureAwait(false);
        try
        {
            if (lease.TrySpend(cost))
            {
                return new QuotaCharge(true, client, window, cost);
            }

            long granted;
            try
            {
                var wanted = Math.Max(cost, _lease);
                granted = (long)await _commands.ScriptEvaluateAsync(LeaseScript, [Key(client, window)], [wanted, cost, _limit, _windowMilliseconds])
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
            {
                throw RedisErrors.Translate(exception, Eval, _endpoints, _logins?.CredentialsRefused == true);
            }

            if (granted < cost)
            {
                return new QuotaCharge(false, client, window, cost);
            }

            lease.Add(granted - cost);
            return new QuotaCharge(true, client, window, cost);
        }
        finally
        {
            lease.Refilling.Release();
        }
    }

    // onetime:quota:{window}:{client network}; the network is not secret, and the key is gone a window later.
    private RedisKey Key(string client, long window) =>
        _keyPrefix.Append(string.Create(CultureInfo.InvariantCulture, $"{window}:{client}"));

    /// <summary>What this server holds of one client's budget in one window; spent without a lock.</summary>
    private sealed class Lease
    {
        private long _left;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        public bool TrySpend(long cost)
        {
            var left = Volatile.Read(ref _left);
            while (left >= cost)
            {
                var seen = Interlocked.CompareExchange(ref _left, left - cost, left);
                if (seen == left) return true;
                left = seen;
            }

            return false;
        }

        public void Add(long amount) => Interlocked.Add(ref _left, amount);
    }
}
