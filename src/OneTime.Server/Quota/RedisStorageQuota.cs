using System.Globalization;
using OneTime.Server.Storage.Redis;
using StackExchange.Redis;

namespace OneTime.Server.Quota;

/// <summary>
/// The quota on Redis, shared by every server using it: one counter key per client and window, charged by a script
/// on that one key (so it is atomic, and Cluster-safe without a hash tag), which expires with its window. The caller
/// sends it beside the secret's SET, not after it, so a Store still costs one round trip, and both go through the
/// store's <see cref="RedisWriteCoalescer"/>, so under load they share a write with other calls' commands.
/// </summary>
internal sealed class RedisStorageQuota : IStorageQuota
{
    private const string Eval = "EVALSHA";
    private const long Refused = -1;

    // KEYS[1] the client's counter for this window; ARGV[1] the cost, ARGV[2] the limit, ARGV[3] the window in ms.
    // Checked and added in one step, so concurrent Stores from several servers cannot overshoot together; a refused
    // charge adds nothing. The counter lives one window from its first charge: later windows use other keys.
    private const string ChargeScript = """
        local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
        if spent + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return -1 end
        local total = redis.call('INCRBY', KEYS[1], ARGV[1])
        if spent == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return total
        """;

    // A refund must not recreate a counter that has expired: it would then never expire.
    private const string RefundScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECRBY', KEYS[1], ARGV[1]) end
        return 0
        """;

    private readonly IDatabase _database;
    private readonly RedisWriteCoalescer _commands;
    private readonly RedisKey _keyPrefix;
    private readonly string _endpoints;
    private readonly QuotaWindow _window;
    private readonly RedisValue _limit;
    private readonly RedisValue _windowMilliseconds;

    public RedisStorageQuota(IDatabase database, RedisWriteCoalescer commands, RedisKey keyPrefix, string endpoints, QuotaOptions options, TimeProvider time)
    {
        _database = database;
        _commands = commands;
        _keyPrefix = keyPrefix.Append("quota:");
        _endpoints = endpoints;
        _window = new QuotaWindow(options, time);
        _limit = options.MaxBytes;
        _windowMilliseconds = (long)Math.Ceiling(options.Window.TotalMilliseconds);
    }

    public async ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive)
    {
        var window = _window.Current;
        var cost = _window.CostOf(bytes, timeToLive);
        try
        {
            var total = (long)await _commands.ScriptEvaluateAsync(ChargeScript, [Key(client, window)], [cost, _limit, _windowMilliseconds])
                .ConfigureAwait(false);
            return new QuotaCharge(total != Refused, client, window, cost);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw RedisErrors.Translate(exception, Eval, _endpoints);
        }
    }

    public void Refund(QuotaCharge charge)
    {
        if (!charge.Granted)
        {
            return;
        }

        // Fire and forget: a lost refund only leaves the client a little less room until its window ends.
        _ = _database.ScriptEvaluateAsync(RefundScript, [Key(charge.Client, charge.Window)], [charge.Cost], CommandFlags.FireAndForget);
    }

    // onetime:quota:{window}:{client network}; the network is not secret, and the key is gone a window later.
    private RedisKey Key(string client, long window) =>
        _keyPrefix.Append(string.Create(CultureInfo.InvariantCulture, $"{window}:{client}"));
}
