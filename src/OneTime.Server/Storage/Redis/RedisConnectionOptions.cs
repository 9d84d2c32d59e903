using System.Net.Security;

namespace OneTime.Server.Storage.Redis;

/// <summary>What a <see cref="RedisConnection"/> needs to know, resolved from <see cref="RedisStoreOptions"/>.</summary>
internal sealed record RedisConnectionOptions(RedisEndpoint Endpoint, TimeSpan ConnectTimeout, TimeSpan CommandTimeout)
{
    /// <summary>First wait after a failed dial; doubles per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the server certificate for rediss://; null trusts what the operating system trusts.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }
}
