using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One socket to Redis, shared by every caller. Callers enqueue serialized commands; one write loop drains the
/// queue and flushes many commands per write (pipelining); one read loop hands each reply to the oldest pending
/// command, because Redis answers in order. An I/O or protocol failure burns the session: everything pending
/// fails and the owner dials a new one.
/// </summary>
internal sealed class RedisSession : IAsyncDisposable
{
    private const int SweepsPerTimeout = 4;

    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<PendingCommand> _outgoing = Channel.CreateUnbounded<PendingCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<PendingCommand> _awaitingReply = new();
    private readonly RedisConnectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _writeLoop;
    private readonly Task _readLoop;
    private readonly ITimer _sweepTimer;
    private Exception? _failure;
    private int _faulted;
    private long _lastReadTimestamp;

    public RedisSession(Stream stream, RedisConnectionOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _stream = stream;
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;

        // One timer for the whole session rather than one per command: a command times out between one and one and a
        // quarter command timeouts after it went out. Created before the loops, which may fault at once.
        var sweepPeriod = options.CommandTimeout / SweepsPerTimeout;
        _sweepTimer = timeProvider.CreateTimer(static state => ((RedisSession)state!).SweepTimedOut(), this, sweepPeriod, sweepPeriod);
        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public bool IsFaulted => Volatile.Read(ref _faulted) != 0;

    /// <summary>Sends one command and waits for its reply; an error reply is a result, not an exception.</summary>
    public Task<RespValue> ExecuteAsync(ReadOnlySpan<RespArgument> arguments, CancellationToken cancellationToken) =>
        ExecuteAsync(new PendingCommand(arguments), cancellationToken);

    /// <summary>
    /// Sends a command serialized on the caller's thread: the write loop only copies its bytes. Its reply task fails on
    /// its own when the sweep finds the command overdue, so nothing here needs a timer or an async state machine.
    /// </summary>
    public Task<RespValue> ExecuteAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        command.CancelWhen(cancellationToken);
        if (IsFaulted || !_outgoing.Writer.TryWrite(command))
        {
            command.Fail(Failure());
        }

        return command.Reply;
    }

    // Commands are queued in the order they went out, so the sweep stops at the first one not yet overdue. Failed
    // ones keep their slot: their late replies will be read and dropped. Unless Redis went silent.
    private void SweepTimedOut()
    {
        if (IsFaulted)
        {
            return;
        }

        StoreUnavailableException? timedOut = null;
        foreach (var command in _awaitingReply)
        {
            if (_timeProvider.GetElapsedTime(command.SentTimestamp) < _options.CommandTimeout)
            {
                break;
            }

            if (!command.Reply.IsCompleted)
            {
                timedOut ??= new StoreUnavailableException(
                    $"Redis at {_options.Endpoint.Address} did not answer within {_options.CommandTimeout.TotalMilliseconds:0} ms.");
                command.Fail(timedOut);
            }
        }

        FaultIfSilent();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var command))
                {
                    // Queued before it is written, so the reply can never arrive ahead of its slot.
                    command.SentTimestamp = _timeProvider.GetTimestamp();
                    _awaitingReply.Enqueue(command);
                    _output.Write(command.Payload);
                    command.ReleasePayload();
                }

                if (IsFaulted)
                {
                    FailPending();
                    return;
                }

                await _output.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Fault(exception);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                Volatile.Write(ref _lastReadTimestamp, _timeProvider.GetTimestamp());
                while (RespReader.TryRead(ref buffer, out var reply))
                {
                    if (!_awaitingReply.TryDequeue(out var command))
                    {
                        throw new RespProtocolException("Redis sent a reply nobody asked for.");
                    }

                    command.Complete(reply);
                }

                // Examined is the whole buffer: without a whole reply there, wait for more data before parsing again.
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    throw new IOException("Redis closed the connection.");
                }
            }
        }
        catch (Exception exception)
        {
            Fault(exception);
        }
    }

    // A slow reply keeps its slot, but a socket that delivered nothing for two command timeouts since the oldest
    // pending command went out is taken for dead (a half-open TCP connection can take minutes to report an error).
    private void FaultIfSilent()
    {
        if (!_awaitingReply.TryPeek(out var oldest) || Volatile.Read(ref _lastReadTimestamp) > oldest.SentTimestamp)
        {
            return;
        }

        if (_timeProvider.GetElapsedTime(oldest.SentTimestamp) >= 2 * _options.CommandTimeout)
        {
            Fault(new TimeoutException($"Redis sent nothing for {2 * _options.CommandTimeout.TotalMilliseconds:0} ms."));
        }
    }

    /// <summary>Burns the socket: every queued and pending command fails with <see cref="StoreUnavailableException"/>.</summary>
    public void Fault(Exception cause)
    {
        if (Interlocked.Exchange(ref _faulted, 1) != 0)
        {
            return;
        }

        _failure = new StoreUnavailableException($"The connection to Redis at {_options.Endpoint.Address} was lost.", cause);
        _sweepTimer.Dispose();
        _outgoing.Writer.TryComplete();
        if (cause is not ObjectDisposedException)
        {
            RedisLog.ConnectionLost(_logger, _options.Endpoint.Address, cause);
        }

        // Unblocks both loops: their pending read and write throw and they end.
        _input.CancelPendingRead();
        try
        {
            _stream.Dispose();
        }
        catch (Exception)
        {
            // The socket is being thrown away; a failure to close it changes nothing.
        }

        FailPending();
    }

    public async ValueTask DisposeAsync()
    {
        Fault(new ObjectDisposedException(nameof(RedisSession)));
        await Task.WhenAll(_writeLoop, _readLoop).ConfigureAwait(false);
        try
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Completing may try to flush into the stream Fault already closed; the pipes' buffers are freed anyway.
        }
    }

    private void FailPending()
    {
        var failure = Failure();
        while (_outgoing.Reader.TryRead(out var queued))
        {
            queued.Fail(failure);
        }

        while (_awaitingReply.TryDequeue(out var pending))
        {
            pending.Fail(failure);
        }
    }

    private StoreUnavailableException Failure() =>
        Volatile.Read(ref _failure) as StoreUnavailableException
        ?? new StoreUnavailableException($"The connection to Redis at {_options.Endpoint.Address} was lost.");
}
