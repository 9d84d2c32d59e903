using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Secrets in Redis, one string key each, expiring by Redis's own TTL, over the process's one multiplexer. Adding is
/// <c>SET key value PX ms NX</c>, taking is <c>GETDEL</c> (Redis 6.2 or later), so each is one atomic command on one
/// key (Cluster-safe) and two readers can never both win. Concurrent calls' commands are written together
/// (<see cref="RedisWriteCoalescer"/>). Unreachable Redis is always <see cref="StoreUnavailableException"/>, never
/// "not found".
/// </summary>
/// <remarks>
/// With <see cref="RedisStoreOptions.ReplicasToAcknowledge"/> above 0, the write and its <c>WAIT</c> go to the one
/// server the key belongs to, and the answer is given only once enough replicas applied the write: a failover then
/// neither loses an acknowledged secret nor brings back one already read (README "Scaling out").
/// </remarks>
internal sealed class RedisSecretStore : ISecretStore, IStoreHealth, IDisposable, IAsyncDisposable
{
    private const string Set = "SET";
    private const string GetDel = "GETDEL";
    private const string PTtl = "PTTL";
    private const long PTtlNoSuchKey = -2; // PTTL's answer for a missing key (Redis 2.8 and later)
    private const long PTtlNoExpiry = -1; // a key without expiry; this store never writes one

    private readonly IConnectionMultiplexer _multiplexer;
    private readonly IDatabase _database;
    private readonly int _databaseNumber;
    private readonly RedisKey _keyPrefix;
    private readonly string _endpoints;
    private readonly ReplicaAcknowledgement? _acknowledgement;
    private readonly RedisWriteCoalescer _coalescer;

    public RedisSecretStore(IConnectionMultiplexer multiplexer, RedisStoreOptions options, int database, string endpoints)
    {
        _multiplexer = multiplexer;
        _databaseNumber = database;
        _database = multiplexer.GetDatabase(database);
        // Prefixes are cheaper as blobs: the key is sent as prefix bytes then the 66 key bytes, with no string made.
        _keyPrefix = Encoding.UTF8.GetBytes(options.KeyPrefix);
        _endpoints = endpoints;
        _coalescer = new RedisWriteCoalescer(_database);
        _acknowledgement = options.ReplicasToAcknowledge > 0
            ? new ReplicaAcknowledgement(options.ReplicasToAcknowledge, options.ReplicaAckTimeout)
            : null;
    }

    internal RedisKey KeyPrefix => _keyPrefix;

    /// <summary>Where the quota's charges go, so that they share writes with the secrets' commands.</summary>
    internal RedisWriteCoalescer Coalescer => _coalescer;

    /// <summary>The endpoints as logged: no password.</summary>
    internal string Endpoints => _endpoints;

    /// <summary>Opens the multiplexer (which the store then owns and disposes) and the store over it.</summary>
    public static RedisSecretStore Connect(RedisStoreOptions options, ConfigurationOptions configuration, ILogger logger)
    {
        var endpoints = RedisConfiguration.Describe(configuration);
        var database = configuration.DefaultDatabase ?? 0;
        var multiplexer = RedisMultiplexer.Connect(configuration, logger);
        RedisLog.Created(logger, endpoints, database, options.ReplicasToAcknowledge);
        return new RedisSecretStore(multiplexer, options, database, endpoints);
    }

    public async ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);

        // PX takes whole milliseconds and must be positive; round up so a tiny TTL does not become "no TTL".
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalMilliseconds));
        var redisKey = Key(key);
        try
        {
            if (_acknowledgement is null)
            {
                return await _coalescer.SetIfNotExistsAsync(redisKey, ciphertext, TimeSpan.FromMilliseconds(milliseconds)).ConfigureAwait(false);
            }

            var write = await ExecuteAcknowledgedAsync(Set, redisKey, [redisKey, (RedisValue)ciphertext, "PX", milliseconds, "NX"])
                .ConfigureAwait(false);
            // SET ... NX answers OK when it stored the value and nil when the key already existed.
            return !write.Reply.IsNull && await ConfirmedAsync(Set, write, redisKey, forgetOnFailure: true).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw RedisErrors.Translate(exception, Set, _endpoints);
        }
    }

    public async ValueTask<byte[]?> TakeAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var redisKey = Key(key);
        try
        {
            if (_acknowledgement is null)
            {
                return (byte[]?)await _coalescer.GetDeleteAsync(redisKey).ConfigureAwait(false);
            }

            var write = await ExecuteAcknowledgedAsync(GetDel, redisKey, [redisKey]).ConfigureAwait(false);
            if (write.Reply.IsNull)
            {
                return null; // nothing was deleted, so there is nothing for the replicas to confirm
            }

            // The deletion must be on the replicas before the ciphertext leaves: a replica promoted without it would
            // hand the secret out a second time. Unconfirmed, the secret is lost unread, which is the lesser harm.
            await ConfirmedAsync(GetDel, write, redisKey, forgetOnFailure: false).ConfigureAwait(false);
            return (byte[]?)write.Reply;
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw RedisErrors.Translate(exception, GetDel, _endpoints);
        }
    }

    public async ValueTask<TimeSpan?> GetTimeToLiveAsync(SecretKey key, CancellationToken cancellationToken)
    {
        long reply;
        try
        {
            // PTTL itself rather than KeyTimeToLiveAsync, which answers null for both "no key" and "no expiry".
            reply = (long)await _coalescer.ExecuteAsync(PTtl, Key(key)).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw RedisErrors.Translate(exception, PTtl, _endpoints);
        }

        return reply switch
        {
            PTtlNoSuchKey => null,
            PTtlNoExpiry => Timeout.InfiniteTimeSpan,
            >= 0 => TimeSpan.FromMilliseconds(reply),
            _ => throw new RedisReplyException($"Redis answered {PTtl} with an unexpected {reply}."),
        };
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

    private RedisKey Key(SecretKey key)
    {
        var text = new byte[SecretKey.TextLength];
        key.FormatUtf8(text);
        return _keyPrefix.Append(text);
    }

    // The write goes to the primary that owns the key, pinned (no MOVED/ASK redirect to another node), so that the
    // WAIT that follows asks the node, and the connection, that ran it. The socket count is read before the write:
    // if it differs after the WAIT, a reconnect came between them.
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
