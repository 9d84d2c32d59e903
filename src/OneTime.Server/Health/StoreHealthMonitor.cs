using Microsoft.Extensions.Options;
using OneTime.Server.Storage;

namespace OneTime.Server.Health;

/// <summary>
/// Pings the store every <see cref="HealthOptions.PollInterval"/> and publishes whether it is reachable, so that
/// health checks answer without touching the store and watchers hear of every change.
/// </summary>
internal sealed class StoreHealthMonitor(IStoreHealth store, IOptions<HealthOptions> options, TimeProvider time, ILogger<StoreHealthMonitor> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private bool? _serving;

    /// <summary>The last ping's answer; null until the first ping has answered.</summary>
    public bool? IsServing
    {
        get { lock (_lock) return _serving; }
    }

    /// <summary>Completes the next time <see cref="IsServing"/> changes.</summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                Publish(await store.PingAsync(stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping, also when the host stops because it failed to start (a port in use): not a failure.
        }
    }

    private void Publish(bool serving)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (_serving == serving) return;
            _serving = serving;
            changed = _changed;
            _changed = NewSignal();
        }

        if (serving) HealthLog.StoreReachable(logger);
        else HealthLog.StoreUnreachable(logger);
        changed.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
