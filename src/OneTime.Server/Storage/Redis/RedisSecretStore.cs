using System.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Secrets in Redis, one string key each, expiring by Redis's own TTL. Adding is <c>SET key value PX ms NX</c>,
/// taking is <c>GETDEL</c> (Redis 6.2 or later), so each is one atomic command and two readers can never both win.
/// Unreachable Redis is always <see cref="StoreUnavailableException"/>, never "not found".
/// </summary>
internal sealed class RedisSecretStore : ISecretStore, IStoreHealth, IDisposable, IAsyncDisposable
{
    private readonly RedisConnection _connection;
    private readonly byte[] _keyPrefix;

    public RedisSecretStore(RedisConnection connection, string keyPrefix)
    {
        _connection = connection;
        _keyPrefix = Encoding.UTF8.GetBytes(keyPrefix);
    }

    public async ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);

        // PX takes whole milliseconds and must be positive; round up so a tiny TTL does not become "no TTL".
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalMilliseconds));
        var reply = await _connection.ExecuteAsync(
            [RedisCommands.Set, RedisKey(key), ciphertext, RedisCommands.ExpiryMilliseconds, RespArgument.Number(milliseconds), RedisCommands.IfNotExists],
            cancellationToken).ConfigureAwait(false);

        // SET ... NX answers +OK when it stored the value and a null bulk string when the key already existed.
        return reply switch
        {
            { Type: RespType.SimpleString, Text: RedisCommands.Ok } => true,
            { Type: RespType.BulkString, IsNull: true } => false,
            _ => throw Unexpected("SET", reply),
        };
    }

    public async ValueTask<byte[]?> TakeAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var reply = await _connection.ExecuteAsync([RedisCommands.GetDel, RedisKey(key)], cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            { Type: RespType.BulkString, IsNull: true } => null,
            { Type: RespType.BulkString, Bulk: { } bytes } => bytes,
            _ => throw Unexpected("GETDEL", reply),
        };
    }

    public async ValueTask<TimeSpan?> GetTimeToLiveAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var reply = await _connection.ExecuteAsync([RedisCommands.PTtl, RedisKey(key)], cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            { Type: RespType.Integer, Integer: RedisCommands.PTtlNoSuchKey } => null,
            { Type: RespType.Integer, Integer: RedisCommands.PTtlNoExpiry } => Timeout.InfiniteTimeSpan,
            { Type: RespType.Integer, Integer: >= 0 } => TimeSpan.FromMilliseconds(reply.Integer),
            _ => throw Unexpected("PTTL", reply),
        };
    }

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _connection.ExecuteAsync([RedisCommands.Ping], cancellationToken).ConfigureAwait(false);
            return reply is { Type: RespType.SimpleString, Text: RedisCommands.Pong };
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    public void Dispose() => _connection.Dispose();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private RespArgument RedisKey(SecretKey key) => RespArgument.Key(_keyPrefix, key);

    // One place decides what an unexpected reply means. The reply's text comes from Redis and never holds the key
    // or the value; RespValue.ToString prints only the length of bulk strings.
    private Exception Unexpected(string command, RespValue reply) => reply.ErrorCode switch
    {
        // maxmemory reached with the noeviction policy: nothing was stored.
        "OOM" => new StoreFullException("Redis is out of memory (maxmemory with noeviction); nothing was stored."),
        // Reachable but unusable for now: missing login, or still loading its dataset after a restart.
        "NOAUTH" or "LOADING" or "MASTERDOWN" => new StoreUnavailableException(
            $"Redis at {_connection.Endpoint.Address} cannot serve {command} now ({reply.ErrorCode}); check OneTime:Redis:Url."),
        "ERR" when command == "GETDEL" && reply.Text!.Contains("unknown command", StringComparison.OrdinalIgnoreCase) =>
            new RedisReplyException("Redis does not know GETDEL; OneTime needs Redis 6.2 or later."),
        "" => new RedisReplyException($"Redis answered {command} with an unexpected {reply}."),
        _ => new RedisReplyException($"Redis answered {command} with an error: {reply.Text}"),
    };
}
