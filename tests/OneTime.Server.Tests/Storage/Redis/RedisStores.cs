using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using StackExchange.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>Builds Redis stores the way AddSecretStore does, with test-sized timeouts.</summary>
internal static class RedisStores
{
    public static RedisStoreOptions Options(string url, string keyPrefix = "onetime:", TimeSpan? commandTimeout = null) => new()
    {
        Url = url,
        KeyPrefix = keyPrefix,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(5),
    };

    public static RedisSecretStore Create(string url, string keyPrefix = "onetime:") => Create(Options(url, keyPrefix));

    public static RedisSecretStore Create(
        RedisStoreOptions options, Action<ConfigurationOptions>? configure = null, SecretRules? rules = null, ILogger? logger = null)
    {
        var configuration = RedisConfiguration.Create(options);
        configure?.Invoke(configuration);
        return RedisSecretStore.Connect(options, configuration, logger ?? NullLogger.Instance, rules);
    }
}
