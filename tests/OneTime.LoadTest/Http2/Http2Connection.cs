using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OneTime.LoadTest.Http2;

/// <summary>
/// A client HTTP/2 connection (RFC 9113) over cleartext TCP with prior knowledge, for request/response exchanges
/// such as unary gRPC calls. Many streams share it: one read loop dispatches frames to their calls, and writes go
/// to one buffer under the connection's lock and leave in as few socket sends as the timing allows (a flush in
/// progress takes whatever was queued meanwhile; frames written while the read loop handles received frames,
/// e.g. by continuations it runs, leave together after the batch). Callers' continuations run inline on the thread
/// that completes the call, usually the read loop: they must not block waiting for another call.
/// No reconnection: once the connection fails, every call on it fails with the reason.
/// </summary>
internal sealed partial class Http2Connection : IAsyncDisposable, IDisposable
{
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    private const int DefaultWindow = 65_535;
    private const int DefaultMaxFrameSize = 16_384;
    private const int MaxWindow = int.MaxValue;
    private const int MaxHeaderBlock = 256 * 1024;

    // What we advertise: receive windows so large that updates are rare, replenished at half.
    private const int StreamReceiveWindow = 8 * 1024 * 1024;
    private const int ConnectionReceiveWindow = 64 * 1024 * 1024;

    // RFC 9113 7.
    private const int ProtocolError = 0x1;
    private const int FlowControlError = 0x3;
    private const int CancelCode = 0x8;
    private const int CompressionError = 0x9;

    private static readonly string[] ErrorNames =
    [
        "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
        "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
        "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    ];

    private readonly EndPoint _endPoint;
    private readonly TimeSpan _callTimeout;
    private readonly object _lock = new();
    private readonly Dictionary<int, Http2Call> _active = [];
    private readonly Queue<Http2Call> _queued = new();
    private readonly List<Http2Call> _blocked = []; // started, waiting for send window
    private readonly FrameReader _reader = new(DefaultMaxFrameSize);
    private readonly HpackDecoder _hpack = new();
    private readonly TaskCompletionSource _settingsReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Socket? _socket;
    private NetworkStream? _stream;
    private Task? _start;
    private Timer? _sweep;
    private volatile bool _ready;

    // Under _lock.
    private byte[] _writeBuffer = new byte[16 * 1024];
    private int _writeLength;
    private byte[] _spareBuffer = new byte[16 * 1024];
    private bool _flushing;
    private bool _corked;
    private string? _failure;
    private bool _goingAway;
    private int _nextStreamId = 1;
    private long _connectionSendWindow = DefaultWindow;
    private int _peerInitialWindow = DefaultWindow;
    private int _peerMaxFrameSize = DefaultMaxFrameSize;
    private int _peerMaxConcurrentStreams = int.MaxValue;

    // Read loop only.
    private int _connectionReceiveWindow = ConnectionReceiveWindow;
    private int _connectionReceiveUnacknowledged;
    private byte[] _headerBlock = new byte[4096];
    private int _headerBlockLength;
    private int _headerBlockStreamId; // non-zero while CONTINUATION frames are expected
    private bool _headerBlockEndStream;
    private bool _settingsSeen;

    public Http2Connection(EndPoint endPoint, TimeSpan callTimeout)
    {
        _endPoint = endPoint;
        _callTimeout = callTimeout;
    }

    /// <summary>Streams open or queued now (for tests).</summary>
    public int PendingCalls
    {
        get
        {
            lock (_lock) return _active.Count + _queued.Count;
        }
    }

    /// <summary>
    /// Sends one request (HEADERS with <paramref name="headerBlock"/>, then <paramref name="body"/> in DATA frames
    /// ending the stream) and completes with the response. Protocol and connection failures complete it with
    /// <see cref="Http2Response.Error"/>; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public ValueTask<Http2Response> SendAsync(byte[] headerBlock, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!_ready) return SendAfterStartAsync(headerBlock, body, cancellationToken);
        return Send(headerBlock, body, cancellationToken);
    }

    private async ValueTask<Http2Response> SendAfterStartAsync(
        byte[] headerBlock, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Task? start;
        string? failure;
        lock (_lock)
        {
            failure = _failure;
            start = failure is null ? _start ??= StartAsync() : null;
        }

        if (failure is not null) return await FailLaterAsync(failure).ConfigureAwait(false);

        try
        {
            await start!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailLaterAsync(e is SocketException s ? $"connect: {s.SocketErrorCode}" : $"connect: {e.Message}")
                .ConfigureAwait(false);
        }

        return await Send(headerBlock, body, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<Http2Response> Send(byte[] headerBlock, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<Http2Response>(cancellationToken);

        var call = new Http2Call(headerBlock, body);
        bool flush;
        lock (_lock)
        {
            if (_failure is not null) return FailLaterAsync(_failure);
            if (_goingAway) return FailLaterAsync("connection going away (GOAWAY)");
            if (_active.Count < _peerMaxConcurrentStreams) StartLocked(call);
            else _queued.Enqueue(call);
            flush = ShouldFlushLocked();
        }

        call.Register(cancellationToken, this);
        if (flush) _ = FlushAsync();
        return call.Task;
    }

    /// <summary>
    /// A failure that never completes synchronously: a caller that calls again at once on error (a closed-loop
    /// worker) must not spin on the thread that completed its previous call, e.g. inside <see cref="Fail"/>.
    /// </summary>
    private static async ValueTask<Http2Response> FailLaterAsync(string error)
    {
        await Task.Yield();
        return Http2Response.Failed(error);
    }

    private async Task StartAsync()
    {
        // A host name may resolve to either family: a dual-mode socket connects to both.
        var socket = _endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        try
        {
            await socket.ConnectAsync(_endPoint).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);

        lock (_lock)
        {
            var span = Reserve(Preface.Length);
            Preface.CopyTo(span);
            // SETTINGS: ENABLE_PUSH = 0, INITIAL_WINDOW_SIZE; the header table stays at its default 4096.
            span = Reserve(FrameHeader.Size + 12);
            FrameHeader.Write(span, 12, FrameType.Settings, 0, 0);
            WriteSetting(span[9..], 0x2, 0);
            WriteSetting(span[15..], 0x4, StreamReceiveWindow);
            WriteWindowUpdateLocked(0, ConnectionReceiveWindow - DefaultWindow);
            _flushing = true;
        }

        _ = FlushAsync();
        _ = ReadLoopAsync();
        _sweep = new Timer(static state => ((Http2Connection)state!).SweepTimedOut(), this, 1000, 1000);
        lock (_lock)
        {
            if (_failure is not null) _sweep.Dispose(); // failed before the timer existed
        }

        // Until the server's SETTINGS arrive its limits are unknown (e.g. SETTINGS_MAX_CONCURRENT_STREAMS).
        await _settingsReceived.Task.ConfigureAwait(false);
        _ready = true;
    }

    private static void WriteSetting(Span<byte> span, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], (uint)value);
    }

    public void Dispose() => Fail("connection disposed");

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
