namespace OneTime.Server.Storage;

/// <summary>The Redis store; bound from <c>OneTime:Redis</c>.</summary>
public sealed class RedisStoreOptions
{
    public const string SectionName = "OneTime:Redis";

    /// <summary><c>redis://[user[:password]@]host[:port][/db]</c>, or <c>rediss://</c> for TLS.</summary>
    public string Url { get; set; } = "redis://localhost:6379";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host1:6379,host2:6379,serviceName=mymaster,ssl=true,user=...</c>)
    /// for what a URL cannot say: several endpoints, Sentinel, Cluster. When set, it is used and <see cref="Url"/> is not.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>How long one command may wait for its reply before the caller gets a store-unavailable error.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long dialing, TLS and the login may take together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Prepended to every key, so that several apps can share one Redis database.</summary>
    public string KeyPrefix { get; set; } = "onetime:";

    /// <summary>
    /// How many replicas must confirm (Redis <c>WAIT</c>) a stored secret before Store answers, and a deletion before
    /// Retrieve hands the ciphertext out. 0 (the default) trusts the primary alone.
    /// </summary>
    public int ReplicasToAcknowledge { get; set; }

    /// <summary>How long <c>WAIT</c> may wait for those replicas before the call is answered UNAVAILABLE.</summary>
    public TimeSpan ReplicaAckTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
