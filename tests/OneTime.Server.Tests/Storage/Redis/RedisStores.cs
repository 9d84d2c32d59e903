using Microsoft.Extensions.Logging.Abstractions;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>Builds Redis stores and connections the way AddSecretStore does, with test-sized timeouts.</summary>
internal static class RedisStores
{
    public static RedisConnectionOptions Options(string url, TimeSpan? commandTimeout = null) =>
        new(RedisEndpoint.Parse(url), ConnectTimeout: TimeSpan.FromSeconds(2), CommandTimeout: commandTimeout ?? TimeSpan.FromSeconds(5))
        {
            MinReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
        };

    public static RedisConnection Connection(string url, TimeSpan? commandTimeout = null) =>
        new(Options(url, commandTimeout), TimeProvider.System, NullLogger.Instance);

    public static RedisSecretStore Create(string url, string keyPrefix = "onetime:") => new(Connection(url), keyPrefix);
}
