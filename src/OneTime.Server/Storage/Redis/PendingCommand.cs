namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One command on its way: its serialized bytes, and the completion its reply fills. It keeps its place in the
/// FIFO even when its caller stopped waiting, so the replies behind it still reach the right callers.
/// </summary>
internal sealed class PendingCommand(ReadOnlyMemory<byte> payload)
{
    // Continuations must not run on the reader loop, or one slow caller would stall every reply behind it.
    private readonly TaskCompletionSource<RespValue> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public Task<RespValue> Reply => _reply.Task;

    /// <summary>When the write loop put it on the wire (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long SentTimestamp { get; set; }

    public void Complete(RespValue value) => _reply.TrySetResult(value);

    public void Fail(Exception exception) => _reply.TrySetException(exception);

    /// <summary>Its caller stopped waiting; the command stays on the wire and in the FIFO.</summary>
    public void Cancel(CancellationToken cancellationToken) => _reply.TrySetCanceled(cancellationToken);
}
