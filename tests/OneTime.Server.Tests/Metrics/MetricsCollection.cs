namespace OneTime.Server.Tests.Metrics;

/// <summary>
/// OpenTelemetry listens to every meter named "OneTime" in the process, not only its own host's; so the tests that
/// count exactly run on their own, after the parallel ones, while no other server in this process makes calls.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
