namespace OneTime.Server.Storage;

/// <summary>A cheap readiness probe for the backing store, for health endpoints.</summary>
public interface IStoreHealth
{
    /// <summary>True when the store answers right now; false (never an exception) when it does not.</summary>
    ValueTask<bool> PingAsync(CancellationToken cancellationToken);
}
