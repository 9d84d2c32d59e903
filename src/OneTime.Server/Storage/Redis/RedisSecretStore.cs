using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Secrets in Redis, one string per id (<see cref="RedisEntry"/>) expiring by Redis's own TTL, over the process's one
/// multiplexer. Every change is one atomic command or Lua script on that one key, so the store is Cluster-safe and of
/// any number of concurrent readers exactly as many win as there were views, while racing wrong tokens burn a secret
/// exactly at the limit. Concurrent calls' commands are written together (<see cref="RedisWriteCoalescer"/>).
/// Unreachable Redis is always <see cref="StoreUnavailableException"/>, never "not found".
/// </summary>
/// <remarks>
/// <para>
/// The common calls avoid scripts, which cost Redis several times a plain command (tests/PERFORMANCE.md). A Store is
/// <c>SET NX PX</c>. A Retrieve first reads the entry's header (<c>GETRANGE</c>); the last view with the right token
/// is then taken by <c>SET XX KEEPTTL GET</c> of the receipt (<c>GETDEL</c> with receipts off), and the value it
/// swapped out is checked again, so that of racing readers only the one that took the live entry gets it. An Exists
/// with the right token is <c>GETRANGE</c> and <c>PTTL</c> in one write and changes nothing. A wrong token (which must
/// be counted), a secret with views left to count down, and every Burn go to a script.
/// </para>
/// <para>
/// Secrets stored by earlier versions (one string under <c>{prefix}{id}.{digest}</c>, written by <c>SET</c>, read by
/// <c>GETDEL</c>) stay readable until they expire: when there is no entry for the id, the call tries that key with
/// <c>GETDEL</c>, <c>PTTL</c> or <c>DEL</c>. Wrong tokens cannot be counted for them (a wrong token names another
/// key), and their last read leaves no receipt, as before.
/// </para>
/// <para>
/// With <see cref="RedisStoreOptions.ReplicasToAcknowledge"/> above 0, a write that changed a secret (stored, a view
/// taken, burned) and its <c>WAIT</c> go to the one server the key belongs to, and the answer is given only once
/// enough replicas applied it: a failover then neither loses an acknowledged secret nor brings back a view already
/// taken (README "Scaling out"). Wrong-attempt counts are not waited for: one lost in a failover costs a guesser
/// nothing it did not already have.
/// </para>
/// </remarks>
internal sealed partial class RedisSecretStore : ISecretStore, IStoreHealth, IDisposable, IAsyncDisposable
{
    private const string EvalSha = "EVALSHA";
    private const string Eval = "EVAL"; // pinned to one server for WAIT: sent whole, outside the library's script cache
    private const string Set = "SET";
    private const string GetRange = "GETRANGE";
    private const string GetDel = "GETDEL";
    private const string PTtl = "PTTL";
    private const string Del = "DEL";
    private const long PTtlNoSuchKey = -2; // PTTL's answer for a missing key (Redis 2.8 and later)
    private const long PTtlNoExpiry = -1; // a key without expiry; this store never writes one

    private static readonly RedisValue KeepReceipt = "1";
    private static readonly RedisValue DropReceipt = "0";

    private readonly IConnectionMultiplexer _multiplexer;
    private readonly IDatabase _database;
    private readonly int _databaseNumber;
    private readonly RedisKey _keyPrefix;
    private readonly string _endpoints;
    private readonly ReplicaAcknowledgement? _acknowledgement;
    private readonly RedisWriteCoalescer _coalescer;
    private readonly RedisValue _maxWrongAttempts;
    private readonly bool _receipts;
    private readonly TimeProvider _time;
    private readonly RedisLogins? _logins;

    public RedisSecretStore(IConnectionMultiplexer multiplexer, RedisStoreOptions options, int database, string endpoints,
        SecretRules? rules = null, TimeProvider? time = null, RedisLogins? logins = null)
    {
        _logins = logins;
        _multiplexer = multiplexer;
        _databaseNumber = database;
        _database = multiplexer.GetDatabase(database);
        // Prefixes are cheaper as blobs: the key is sent as prefix bytes then the key's own bytes, with no string made.
        _keyPrefix = Encoding.UTF8.GetBytes(options.KeyPrefix);
        _endpoints = endpoints;
        _coalescer = new RedisWriteCoalescer(_database);
        _acknowledgement = options.ReplicasToAcknowledge > 0
            ? new ReplicaAcknowledgement(options.ReplicasToAcknowledge, options.ReplicaAckTimeout)
            : null;
        rules ??= SecretRules.Default;
        _maxWrongAttempts = rules.MaxWrongAttempts;
        _receipts = rules.ReadReceipts;
        _time = time ?? TimeProvider.System;
    }

    internal RedisKey KeyPrefix => _keyPrefix;

    /// <summary>Where the quota's charges go, so that they share writes with the secrets' commands.</summary>
    internal RedisWriteCoalescer Coalescer => _coalescer;

    /// <summary>The endpoints as logged: no password.</summary>
    internal string Endpoints => _endpoints;

    /// <summary>Whether Redis refused the credentials lately, for the quota's errors too.</summary>
    internal RedisLogins? Logins => _logins;

    /// <summary>Opens the multiplexer (which the store then owns and disposes) and the store over it.</summary>
    public static RedisSecretStore Connect(RedisStoreOptions options, ConfigurationOptions configuration, ILogger logger,
        SecretRules? rules = null, TimeProvider? time = null)
    {
        var endpoints = RedisConfiguration.Describe(configuration);
        var database = configuration.DefaultDatabase ?? 0;
        var logins = new RedisLogins(endpoints, logger);
        var multiplexer = RedisMultiplexer.Connect(configuration, logger, logins);
        RedisLog.Created(logger, endpoints, database, options.ReplicasToAcknowledge);
        return new RedisSecretStore(multiplexer, options, database, endpoints, rules, time, logins);
    }

    public async ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(views);

        var entry = Key(key);
        var value = RedisEntry.Create(key, views, ciphertext.Span);
        try
        {
            if (_acknowledgement is null)
            {
                return await _coalescer.SetIfNotExistsAsync(entry, value, timeToLive).ConfigureAwait(false);
            }

            // PX takes whole milliseconds and must be positive; round up so a tiny TTL does not become "no TTL".
            var milliseconds = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalMilliseconds));
            var write = await ExecuteAcknowledgedAsync(Set, entry, [entry, value, "PX", milliseconds, "NX"]).ConfigureAwait(false);
            return !write.Reply.IsNull && await ConfirmedAsync(Set, write, entry, forgetOnFailure: true).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, Set);
        }
    }

    public async ValueTask<TakeResult> TakeViewAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var entry = Key(key);
        var digest = Digest(key);
        var readAt = RedisEntry.EncodeReadAt(_time.GetUtcNow());
        if (_acknowledgement is null)
        {
            // Most reads are the only view of a secret, with the right token: looked at first, then swapped for its
            // receipt (or deleted) by one plain command, which costs Redis a fraction of a script. Anything else (a
            // wrong token to count, views to count down, or no entry) goes on to the script.
            var header = await LookAsync(entry, RedisEntry.CountsEnd).ConfigureAwait(false);
            if (header.IsEmpty)
            {
                return await TakeLegacyAsync(key).ConfigureAwait(false);
            }

            if (RedisEntry.Matches(header.Span, digest))
            {
                switch (RedisEntry.ViewsLeft(header.Span))
                {
                    case 0:
                        return TakeResult.NotFound; // a receipt
                    case 1:
                        return await TakeOnlyViewAsync(entry, digest, readAt).ConfigureAwait(false);
                }
            }
        }

        // A view taken must be on the replicas before the ciphertext leaves: a replica promoted without it would hand
        // the view out a second time. Unconfirmed, the view is lost, the lesser harm.
        RedisValue[] values = [digest, _maxWrongAttempts, readAt, _receipts ? KeepReceipt : DropReceipt];
        var reply = await EvaluateChangeAsync(RedisEntry.TakeView, entry, values, static reply => reply.Resp2Type == ResultType.BulkString)
            .ConfigureAwait(false);

        if (reply.IsNull)
        {
            return await TakeLegacyAsync(key).ConfigureAwait(false);
        }

        if (reply.Resp2Type != ResultType.BulkString)
        {
            return TakeResult.Missed(Miss((long)reply));
        }

        // The entry as it was before this view.
        var before = (byte[])reply!;
        return TakeResult.Taken(before[RedisEntry.HeaderSize..], RedisEntry.ViewsLeft(before) - 1);
    }

    public async ValueTask<SecretStatus> GetStatusAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var entry = Key(key);
        var digest = Digest(key);

        // With the right token, reading the header (and a receipt's confirmation after it) and the time to live changes
        // nothing, and two plain commands in one write cost Redis less than a script. Only a wrong token, which must be
        // counted, needs the script.
        Task<RedisResult> timeToLive;
        ReadOnlyMemory<byte> header;
        try
        {
            var headerRead = _coalescer.GetRangeAsync(entry, 0, RedisEntry.StatusEnd);
            timeToLive = _coalescer.ExecuteAsync(PTtl, entry);
            header = (byte[]?)await headerRead.ConfigureAwait(false);
            if (!header.IsEmpty && RedisEntry.Matches(header.Span, digest))
            {
                var milliseconds = (long)await timeToLive.ConfigureAwait(false);
                return milliseconds == PTtlNoSuchKey
                    ? SecretStatus.NotFound // taken or expired between the two commands
                    : new SecretStatus(LookupOutcome.Found, RedisEntry.ViewsLeft(header.Span), TimeToLive(milliseconds, PTtl),
                        RedisEntry.ReadAt(header.Span), RedisEntry.Confirmation(header));
            }

            await timeToLive.ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, GetRange);
        }

        if (header.IsEmpty)
        {
            return await GetLegacyStatusAsync(key).ConfigureAwait(false);
        }

        RedisResult reply;
        try
        {
            reply = await _coalescer.ScriptEvaluateAsync(RedisEntry.Status, [entry], [digest, _maxWrongAttempts]).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, EvalSha);
        }

        if (reply.IsNull)
        {
            return await GetLegacyStatusAsync(key).ConfigureAwait(false);
        }

        if (reply.Resp2Type != ResultType.Array)
        {
            return SecretStatus.Missed(Miss((long)reply));
        }

        var found = (byte[])reply[0]!;
        return new SecretStatus(LookupOutcome.Found, RedisEntry.ViewsLeft(found), TimeToLive((long)reply[1], PTtl),
            RedisEntry.ReadAt(found), RedisEntry.Confirmation(found));
    }

    public async ValueTask<LookupOutcome> BurnAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var entry = Key(key);
        RedisValue[] values = [Digest(key), _maxWrongAttempts];
        var reply = await EvaluateChangeAsync(RedisEntry.Burn, entry, values, static reply => !reply.IsNull && (long)reply == RedisEntry.Burned)
            .ConfigureAwait(false);

        if (reply.IsNull)
        {
            return await BurnLegacyAsync(key).ConfigureAwait(false);
        }

        var code = (long)reply;
        return code == RedisEntry.Burned ? LookupOutcome.Found : Miss(code);
    }

    // The header (or its first bytes) of the entry, empty when there is none.
    private async Task<ReadOnlyMemory<byte>> LookAsync(RedisKey entry, int end)
    {
        try
        {
            return (byte[]?)await _coalescer.GetRangeAsync(entry, 0, end).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, GetRange);
        }
    }

    // The last view, once the header said so: swapped for the receipt (SET XX KEEPTTL GET) or deleted (GETDEL), each
    // atomic, so of readers racing here only the one that swaps out the live entry gets it; the others swap out the
    // receipt, or nothing. Internal for the tests, which play a reader that looked before the race was lost.
    internal async Task<TakeResult> TakeOnlyViewAsync(RedisKey entry, byte[] digest, byte[] readAt)
    {
        RedisValue before;
        try
        {
            before = _receipts
                ? await _coalescer.ReplaceKeepingExpiryAsync(entry, RedisEntry.CreateReceipt(digest, readAt)).ConfigureAwait(false)
                : await _coalescer.GetDeleteAsync(entry).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, _receipts ? Set : GetDel);
        }

        var value = (byte[]?)before;
        if (value is not null && value.Length >= RedisEntry.HeaderSize && RedisEntry.Matches(value, digest))
        {
            if (RedisEntry.ViewsLeft(value) == 1) return TakeResult.Taken(value[RedisEntry.HeaderSize..], 0);
            if (_receipts && !RedisEntry.Confirmation(value).IsEmpty) await RestoreReceiptAsync(entry, value).ConfigureAwait(false);
        }

        return TakeResult.NotFound;
    }

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.PingAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            return false;
        }
    }

    public void Dispose() => _multiplexer.Dispose();

    public ValueTask DisposeAsync() => _multiplexer.DisposeAsync();

    private Exception Translate(Exception exception, string command) =>
        RedisErrors.Translate(exception, command, _endpoints, _logins?.CredentialsRefused == true);

    private static LookupOutcome Miss(long code) =>
        code == RedisEntry.BurnedByWrongTokens ? LookupOutcome.BurnedByWrongTokens : LookupOutcome.NotFound;

    private static TimeSpan TimeToLive(long milliseconds, string command) => milliseconds switch
    {
        PTtlNoExpiry => Timeout.InfiniteTimeSpan,
        >= 0 => TimeSpan.FromMilliseconds(milliseconds),
        _ => throw new RedisReplyException($"Redis answered {command} with an unexpected {milliseconds}."),
    };

    private static byte[] Digest(SecretKey key)
    {
        var digest = new byte[RedisEntry.DigestSize];
        key.WriteDigest(digest);
        return digest;
    }

    /// <summary>The entry's key: the prefix and the id (22 characters).</summary>
    internal RedisKey Key(SecretKey key)
    {
        var text = new byte[SecretKey.IdTextLength];
        key.FormatIdUtf8(text);
        return _keyPrefix.Append(text);
    }


    // A script that may change a secret, on its entry's key. With replicas to acknowledge, it runs pinned to the primary
    // and, when its reply says it changed the secret, is answered only once enough replicas applied the change; a
    // change not confirmed is UNAVAILABLE (it may or may not survive a failover). Wrong-attempt counts are not waited for.
    private async Task<RedisResult> EvaluateChangeAsync(string script, RedisKey entry, RedisValue[] values, Func<RedisResult, bool> changed)
    {
        try
        {
            if (_acknowledgement is null)
            {
                return await _coalescer.ScriptEvaluateAsync(script, [entry], values).ConfigureAwait(false);
            }

            var write = await ExecuteAcknowledgedAsync(script, entry, values).ConfigureAwait(false);
            if (changed(write.Reply))
            {
                await ConfirmedAsync(EvalSha, write, entry, forgetOnFailure: false).ConfigureAwait(false);
            }

            return write.Reply;
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, EvalSha);
        }
    }

    // The write goes to the primary that owns the key, pinned (no MOVED/ASK redirect to another node), so that the
    // WAIT that follows asks the node, and the connection, that ran it. The socket count is read before the write:
    // if it differs after the WAIT, a reconnect came between them.
    private Task<AcknowledgedWrite> ExecuteAcknowledgedAsync(string script, RedisKey key, RedisValue[] values)
    {
        var arguments = new object[3 + values.Length];
        arguments[0] = script;
        arguments[1] = 1; // one key
        arguments[2] = key;
        values.CopyTo(arguments, 3);
        return ExecuteAcknowledgedAsync(Eval, key, arguments);
    }

    private async Task<AcknowledgedWrite> ExecuteAcknowledgedAsync(string command, RedisKey key, object[] arguments)
    {
        IServer server;
        try
        {
            server = _multiplexer.GetServer(key, flags: CommandFlags.DemandMaster);
        }
        catch (InvalidOperationException exception)
        {
            // No primary known right now: the old one is gone and the new one not yet found (a failover under way).
            throw new StoreUnavailableException($"No primary of Redis at {_endpoints} can take {command} now.", exception);
        }

        var sockets = server.GetCounters().Interactive.SocketCount;
        var reply = await server.ExecuteAsync(_databaseNumber, command, arguments, CommandFlags.DemandMaster | CommandFlags.NoRedirect)
            .ConfigureAwait(false);
        return new AcknowledgedWrite(reply, server, sockets);
    }

    private async Task<bool> ConfirmedAsync(string command, AcknowledgedWrite write, RedisKey key, bool forgetOnFailure)
    {
        var server = write.Server;
        long acknowledged;
        try
        {
            acknowledged = await _acknowledgement!.WaitAsync(server).ConfigureAwait(false);
        }
        catch (RedisServerException exception)
        {
            // e.g. a primary demoted to replica since the write; WAIT is refused there.
            throw new StoreUnavailableException($"Redis at {_endpoints} refused WAIT after {command}.", exception);
        }

        // A WAIT on a new socket counts none of the writes made on the old one, and would confirm them falsely.
        var replaced = server.GetCounters().Interactive.SocketCount != write.SocketCount;
        if (acknowledged >= _acknowledgement.Replicas && !replaced)
        {
            return true;
        }

        if (forgetOnFailure)
        {
            // Nobody learns this secret's id, so it could never be read; do not leave it to its TTL. Best effort: if
            // Redis is gone too, the TTL still ends it.
            try
            {
                await _database.KeyDeleteAsync(key).ConfigureAwait(false);
            }
            catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
            {
            }
        }

        throw replaced ? RedisErrors.Reconnected(command) : RedisErrors.NotAcknowledged(command, _acknowledgement.Replicas, acknowledged);
    }

    private readonly record struct AcknowledgedWrite(RedisResult Reply, IServer Server, long SocketCount);
}
