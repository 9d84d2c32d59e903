namespace OneTime.Server.Health;

/// <summary>How often the store's reachability is checked, bound from <c>OneTime:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "OneTime:Health";

    /// <summary>ASP.NET Core's health check publisher polls at most once a second.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The time between two store pings; gRPC health and its watchers follow the last answer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
