namespace OneTime.Server.Storage;

/// <summary>The Redis store; bound from <c>OneTime:Redis</c>.</summary>
public sealed class RedisStoreOptions
{
    public const string SectionName = "OneTime:Redis";

    /// <summary><c>redis://[user[:password]@]host[:port][/db]</c>, or <c>rediss://</c> for TLS.</summary>
    public string Url { get; set; } = "redis://localhost:6379";

    /// <summary>How long one command may wait for its reply before the caller gets a store-unavailable error.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long dialing, TLS and the AUTH/SELECT handshake may take together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Prepended to every key, so that several apps can share one Redis database.</summary>
    public string KeyPrefix { get; set; } = "onetime:";
}
