namespace OneTime.Server.Health;

/// <summary>How often the store's reachability is checked, bound from <c>OneTime:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "OneTime:Health";

    /// <summary>The time between two store pings; gRPC health and its watchers follow the last answer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
