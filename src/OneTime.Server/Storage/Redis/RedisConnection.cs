using Microsoft.Extensions.Logging;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// The one logical connection to Redis that every caller shares. It dials lazily on the first command, and again
/// on the first command after the session burned. After a failed dial it backs off (100 ms doubling to 5 s by
/// default) and commands fail fast with <see cref="StoreUnavailableException"/> until the next attempt is due.
/// </summary>
internal sealed class RedisConnection : IDisposable, IAsyncDisposable
{
    private readonly RedisConnectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _dialLock = new(1, 1);
    private RedisSession? _session;
    private TimeSpan _nextDelay;
    private long _retryAtUtcTicks; // read without the lock, so a long rather than a torn DateTimeOffset
    private StoreUnavailableException? _lastFailure;
    private bool _disposed;

    public RedisConnection(RedisConnectionOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _nextDelay = options.MinReconnectDelay;
    }

    public RedisEndpoint Endpoint => _options.Endpoint;

    /// <summary>Runs one command; an error reply is returned, unreachable Redis throws <see cref="StoreUnavailableException"/>.</summary>
    public Task<RespValue> ExecuteAsync(ReadOnlySpan<RespArgument> arguments, CancellationToken cancellationToken)
    {
        var command = new PendingCommand(arguments);
        var session = Volatile.Read(ref _session);
        return session is { IsFaulted: false }
            ? session.ExecuteAsync(command, cancellationToken)
            : DialThenExecuteAsync(command, cancellationToken);
    }

    private async Task<RespValue> DialThenExecuteAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        var session = await GetOrDialAsync(cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RedisSession> GetOrDialAsync(CancellationToken cancellationToken)
    {
        ThrowIfBackingOff();
        await _dialLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Another caller may have dialed, or failed to, while this one waited for the lock.
            var current = _session;
            if (current is { IsFaulted: false })
            {
                return current;
            }

            ThrowIfBackingOff();
            if (current is not null)
            {
                await current.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }

            try
            {
                var session = await RedisDialer.ConnectAsync(_options, _timeProvider, _logger, cancellationToken).ConfigureAwait(false);
                RedisLog.Connected(_logger, _options.Endpoint.Address, _options.Endpoint.Database);
                _nextDelay = _options.MinReconnectDelay;
                _lastFailure = null;
                Volatile.Write(ref _session, session);
                return session;
            }
            catch (StoreUnavailableException exception)
            {
                ScheduleRetry(exception);
                throw;
            }
        }
        finally
        {
            _dialLock.Release();
        }
    }

    private void ScheduleRetry(StoreUnavailableException failure)
    {
        RedisLog.ConnectionFailed(_logger, _options.Endpoint.Address, failure);
        RedisLog.ReconnectScheduled(_logger, _options.Endpoint.Address, (long)_nextDelay.TotalMilliseconds);
        _lastFailure = failure;
        Volatile.Write(ref _retryAtUtcTicks, (_timeProvider.GetUtcNow() + _nextDelay).UtcTicks);
        _nextDelay = TimeSpan.FromTicks(Math.Min(_nextDelay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
    }

    private void ThrowIfBackingOff()
    {
        var wait = TimeSpan.FromTicks(Volatile.Read(ref _retryAtUtcTicks) - _timeProvider.GetUtcNow().UtcTicks);
        if (wait > TimeSpan.Zero)
        {
            throw new StoreUnavailableException(
                $"Redis at {_options.Endpoint.Address} is unavailable; the next connection attempt is in {wait.TotalMilliseconds:0} ms.",
                _lastFailure);
        }
    }

    /// <summary>For containers disposed synchronously: burns the socket without waiting for the loops to end.</summary>
    public void Dispose()
    {
        _disposed = true;
        Volatile.Read(ref _session)?.Fault(new ObjectDisposedException(nameof(RedisConnection)));
    }

    public async ValueTask DisposeAsync()
    {
        await _dialLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_session is { } session)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }
        }
        finally
        {
            _dialLock.Release();
        }
    }
}
