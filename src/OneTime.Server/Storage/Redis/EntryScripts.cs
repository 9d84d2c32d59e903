namespace OneTime.Server.Storage.Redis;

/// <summary>
/// The Lua scripts that act on one secret's entry: a hash under <c>{prefix}{id}</c> with the fields <c>d</c> (the
/// token's SHA-256 digest, 32 raw bytes), <c>c</c> (the ciphertext), <c>v</c> (views left; 0 for a receipt),
/// <c>w</c> (wrong tokens so far, absent until the first) and <c>r</c> (the last read, ms since the epoch). Each
/// script touches only <c>KEYS[1]</c>, so it runs atomically on the one node that owns the key (Redis Cluster
/// included, no hash tag needed), and concurrent callers are served one after another
/// (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/#script-properties). StackExchange.Redis
/// sends them by <c>EVALSHA</c> once a server has the script, and reloads it on <c>NOSCRIPT</c>.
/// </summary>
/// <remarks>
/// Answers: <c>nil</c> when there is no entry (the caller then tries the key format of earlier versions); 0 for a
/// miss (wrong token, or a receipt where a secret was wanted); 1 when this wrong token reached the limit and burned the
/// entry. The token is compared inside the script: only a caller with the right digest gets more than those.
/// </remarks>
internal static class EntryScripts
{
    // A wrong token: a receipt has nothing left to guard and counts nothing; a secret counts the attempt, and the one
    // that reaches the limit (ARGV[2]) deletes it. HINCRBY leaves the entry's expiry as it was.
    private const string WrongToken = """
        if e[1] ~= ARGV[1] then
          if e[2] == '0' then return 0 end
          if redis.call('HINCRBY', KEYS[1], 'w', 1) < tonumber(ARGV[2]) then return 0 end
          redis.call('DEL', KEYS[1])
          return 1
        end
        """;

    /// <summary>
    /// ARGV: digest, views, ciphertext, time to live in ms. 1 when stored, 0 when the id was taken. One script rather
    /// than HSET then PEXPIRE: a failure between those two would leave a secret that never expires.
    /// </summary>
    public const string Add = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'd', ARGV[1], 'v', ARGV[2], 'c', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    /// <summary>
    /// ARGV: digest, wrong-attempt limit, now (ms), '1' to keep a receipt. A hit answers {ciphertext, views left}.
    /// The ciphertext is read only once the token matched, and the last view deletes it: the whole entry, or all but
    /// the receipt (views 0 and the read time, under the original expiry).
    /// </summary>
    public const string TakeView = """
        local e = redis.call('HMGET', KEYS[1], 'd', 'v')
        if not e[1] then return false end
        """ + "\n" + WrongToken + "\n" + """
        local left = tonumber(e[2]) - 1
        if left < 0 then return 0 end
        local c = redis.call('HGET', KEYS[1], 'c')
        if left > 0 then
          redis.call('HSET', KEYS[1], 'v', left, 'r', ARGV[3])
        elseif ARGV[4] == '1' then
          redis.call('HDEL', KEYS[1], 'c', 'w')
          redis.call('HSET', KEYS[1], 'v', 0, 'r', ARGV[3])
        else
          redis.call('DEL', KEYS[1])
        end
        return {c, left}
        """;

    /// <summary>ARGV: digest, wrong-attempt limit. A hit answers {views left, last read in ms or '', PTTL}.</summary>
    public const string Status = """
        local e = redis.call('HMGET', KEYS[1], 'd', 'v', 'r')
        if not e[1] then return false end
        """ + "\n" + WrongToken + "\n" + """
        return {tonumber(e[2]), e[3] or '', redis.call('PTTL', KEYS[1])}
        """;

    /// <summary>ARGV: digest, wrong-attempt limit. 2 when the secret was deleted; a receipt is a miss and stays.</summary>
    public const string Burn = """
        local e = redis.call('HMGET', KEYS[1], 'd', 'v')
        if not e[1] then return false end
        """ + "\n" + WrongToken + "\n" + """
        if e[2] == '0' then return 0 end
        redis.call('DEL', KEYS[1])
        return 2
        """;

    public const long Missed = 0;
    public const long BurnedByWrongTokens = 1;
    public const long Burned = 2;
}
