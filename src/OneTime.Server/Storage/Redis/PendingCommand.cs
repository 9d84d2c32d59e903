using System.Buffers;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One command on its way: its serialized bytes, and the completion its reply fills. It keeps its place in the
/// FIFO even when its caller stopped waiting, so the replies behind it still reach the right callers.
/// </summary>
internal sealed class PendingCommand
{
    // Continuations must not run on the reader loop, or one slow caller would stall every reply behind it.
    private readonly TaskCompletionSource<RespValue> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Rented from the shared pool and returned once the write loop has copied it into the socket's pipe.
    private byte[]? _payload;
    private readonly int _payloadLength;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Serializes the command now, so the arguments' buffers are never read after this returns.</summary>
    public PendingCommand(ReadOnlySpan<RespArgument> arguments)
    {
        _payloadLength = RespWriter.GetCommandLength(arguments);
        _payload = ArrayPool<byte>.Shared.Rent(_payloadLength);
        RespWriter.WriteCommand(_payload, arguments);
    }

    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, _payloadLength);

    public Task<RespValue> Reply => _reply.Task;

    /// <summary>When the write loop put it on the wire (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long SentTimestamp { get; set; }

    /// <summary>The write loop is done with the payload; called once, after the last read of <see cref="Payload"/>.</summary>
    public void ReleasePayload()
    {
        if (_payload is { } payload)
        {
            _payload = null;
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    /// <summary>
    /// Lets the caller stop waiting when <paramref name="cancellationToken"/> fires; the command stays on the wire and
    /// in the FIFO. Called before the command is queued, so a reply can never complete it ahead of the registration.
    /// </summary>
    public void CancelWhen(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCommand)state!)._reply.TrySetCanceled(token), this);
        }
    }

    public void Complete(RespValue value)
    {
        if (_reply.TrySetResult(value))
        {
            _cancellation.Unregister();
        }
    }

    public void Fail(Exception exception)
    {
        if (_reply.TrySetException(exception))
        {
            _cancellation.Unregister();
        }
    }
}
