namespace OneTime.Server.Storage;

/// <summary>Which <see cref="ISecretStore"/> the server uses; bound from <c>OneTime:Store</c>.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "OneTime";
    public const string Memory = "memory";
    public const string Redis = "redis";

    /// <summary><c>memory</c> (the default, zero setup) or <c>redis</c>.</summary>
    public string Store { get; set; } = Memory;

    internal bool UsesRedis => string.Equals(Store, Redis, StringComparison.OrdinalIgnoreCase);

    internal bool IsKnownStore =>
        string.Equals(Store, Memory, StringComparison.OrdinalIgnoreCase) || UsesRedis;
}
