using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>Opens the process's one <see cref="ConnectionMultiplexer"/> and logs what happens to its connections.</summary>
internal static class RedisMultiplexer
{
    /// <summary>
    /// Returns at once when Redis is down (<see cref="ConfigurationOptions.AbortOnConnectFail"/> is off): the multiplexer
    /// keeps reconnecting in the background and commands fail fast meanwhile. <paramref name="logins"/> sees every login
    /// attempt from the first one on, and warns when Redis refuses the credentials.
    /// </summary>
    public static ConnectionMultiplexer Connect(ConfigurationOptions configuration, ILogger logger, RedisLogins logins)
    {
        logins.Watch(configuration);
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        logins.Watch(multiplexer);
        multiplexer.ConnectionFailed += (_, e) =>
            RedisLog.ConnectionFailed(logger, e.ConnectionType, RedisConfiguration.Describe(e.EndPoint), e.FailureType);
        multiplexer.ConnectionRestored += (_, e) =>
            RedisLog.ConnectionRestored(logger, e.ConnectionType, RedisConfiguration.Describe(e.EndPoint));
        multiplexer.ConfigurationChangedBroadcast += (_, e) => RedisLog.TopologyChanged(logger, RedisConfiguration.Describe(e.EndPoint));
        return multiplexer;
    }
}
