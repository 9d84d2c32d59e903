using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// The one place where StackExchange.Redis failures become the store's exceptions. Messages name the endpoints and
/// Redis's error code, never a key or a value (and the library is configured to leave them out of its own messages).
/// </summary>
internal static class RedisErrors
{
    /// <param name="credentialsRefused">
    /// Redis refused the credentials since the last established connection (<see cref="RedisLogins"/>): a call that
    /// finds no connection says so, whatever the library kept as the reason.
    /// </param>
    public static Exception Translate(Exception exception, string command, string endpoints, bool credentialsRefused = false) => exception switch
    {
        RedisConnectionException connection when credentialsRefused || IsAuthenticationFailure(connection) => new StoreUnavailableException(
            $"Redis at {endpoints} refused the credentials in OneTime:Redis (AuthenticationFailure).", exception),
        RedisConnectionException connection => new StoreUnavailableException(
            $"No connection to Redis at {endpoints} can serve {command} now ({connection.FailureType}).", exception),
        RedisTimeoutException => new StoreUnavailableException(
            $"Redis at {endpoints} did not answer {command} within the command timeout.", exception),
        RedisServerException server => FromErrorReply(server, command, endpoints),
        _ => exception,
    };

    // RedisTimeoutException is a TimeoutException, not a RedisException.
    public static bool IsTranslatable(Exception exception) => exception is RedisException or RedisTimeoutException;

    public static StoreUnavailableException NotAcknowledged(string command, int wanted, long acknowledged) => new(
        $"Only {acknowledged} of {wanted} replicas confirmed {command} within OneTime:Redis:ReplicaAckTimeout; " +
        "the call was not acknowledged.");

    public static StoreUnavailableException Reconnected(string command) => new(
        $"The connection to Redis was replaced between {command} and its WAIT; replicas could not confirm it.");

    // The first word of an error reply is its code (https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors).
    private static Exception FromErrorReply(RedisServerException exception, string command, string endpoints)
    {
        var message = exception.Message;
        var space = message.IndexOf(' ');
        var code = space < 0 ? message : message[..space];
        return code switch
        {
            // maxmemory reached with the noeviction policy: nothing was stored.
            "OOM" => new StoreFullException("Redis is out of memory (maxmemory with noeviction); nothing was stored."),
            // Reachable but unusable for now: no login; loading its dataset; a replica cut off from its primary, or
            // one that was a primary a moment ago (failover); a cluster that lost a shard or is moving a slot.
            "NOAUTH" or "WRONGPASS" or "NOPERM" or "LOADING" or "MASTERDOWN" or "READONLY" or "CLUSTERDOWN" or "TRYAGAIN"
                or "MOVED" or "ASK" or "NOREPLICAS" or "BUSY" => new StoreUnavailableException(
                    $"Redis at {endpoints} cannot serve {command} now ({code}).", exception),
            "ERR" when message.Contains("unknown command", StringComparison.OrdinalIgnoreCase) =>
                new RedisReplyException($"Redis does not know {command}; OneTime needs Redis 6.2 or later."),
            // Redis's error texts name no key; the library adds none with IncludeDetailInExceptions off.
            _ => new RedisReplyException($"Redis answered {command} with an error: {message}"),
        };
    }

    /// <summary>A refused login anywhere in the chain, including each of an AggregateException's exceptions.</summary>
    public static bool IsAuthenticationFailure(Exception? exception) => exception switch
    {
        null => false,
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsAuthenticationFailure),
        _ => IsAuthenticationFailure(exception.InnerException),
    };
}
