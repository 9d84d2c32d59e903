using System.Threading.Tasks.Sources;

namespace OneTime.LoadTest.Http2;

/// <summary>
/// One request/response exchange on a stream: what is left to send, what has been received, and the awaitable
/// the caller waits on (single use: one object per call, no pooling races). Completes exactly once, whether by the
/// response, an error, cancellation or the timeout sweep; continuations run inline on the completing thread.
/// </summary>
internal sealed class Http2Call : IValueTaskSource<Http2Response>
{
    private ManualResetValueTaskSourceCore<Http2Response> _core; // RunContinuationsAsynchronously = false
    private int _finished;
    private CancellationTokenRegistration _registration;
    private Http2Connection? _connection;

    public Http2Call(byte[] headerBlock, ReadOnlyMemory<byte> body)
    {
        HeaderBlock = headerBlock;
        RequestBody = body;
        StartTicks = Environment.TickCount64;
    }

    public byte[] HeaderBlock { get; }

    public ReadOnlyMemory<byte> RequestBody { get; }

    public long StartTicks { get; }

    // Connection state, touched only under the connection's lock.
    public int StreamId { get; set; }

    public int SendOffset { get; set; }

    public long SendWindow { get; set; }

    public bool AllSent { get; set; }

    public int ReceiveWindow { get; set; }

    public int ReceiveUnacknowledged { get; set; }

    // Response state, touched only by the read loop.
    public bool HeadersReceived { get; set; }

    public int HttpStatus { get; set; }

    public int? GrpcStatus { get; set; }

    public string? GrpcMessage { get; set; }

    private byte[] _body = [];
    private int _bodyLength;

    public bool IsFinished => Volatile.Read(ref _finished) != 0;

    public void AppendBody(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_body.Length - _bodyLength < data.Length)
        {
            var grown = new byte[Math.Max(_bodyLength + data.Length, _body.Length * 2)];
            _body.AsSpan(0, _bodyLength).CopyTo(grown);
            _body = grown;
        }

        data.CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += data.Length;
    }

    /// <summary>Routes cancellation of <paramref name="cancellationToken"/> to the connection, which fails the call.</summary>
    public void Register(CancellationToken cancellationToken, Http2Connection connection)
    {
        if (!cancellationToken.CanBeCanceled) return;
        _connection = connection;
        _registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var call = (Http2Call)state!;
                call._connection!.Cancel(call, token);
            },
            this);
        // Finished before the registration was stored: nobody else will remove it.
        if (IsFinished) _registration.Unregister();
    }

    public bool TryComplete() =>
        TryFinish(new Http2Response(HttpStatus, GrpcStatus, GrpcMessage, _body, _bodyLength, null), null);

    public bool TryFail(string error) => TryFinish(Http2Response.Failed(error), null);

    public bool TryCancel(CancellationToken cancellationToken) =>
        TryFinish(default, new OperationCanceledException(cancellationToken));

    private bool TryFinish(Http2Response response, Exception? exception)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return false;
        _registration.Unregister();
        if (exception is null) _core.SetResult(response);
        else _core.SetException(exception);
        return true;
    }

    public ValueTask<Http2Response> Task => new(this, _core.Version);

    public Http2Response GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
