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
internal sealed class Http2Connection : IAsyncDisposable, IDisposable
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

    // ---- Writing (under _lock) ----

    private Span<byte> Reserve(int length)
    {
        if (_writeBuffer.Length - _writeLength < length)
        {
            var grown = new byte[Math.Max(_writeLength + length, _writeBuffer.Length * 2)];
            _writeBuffer.AsSpan(0, _writeLength).CopyTo(grown);
            _writeBuffer = grown;
        }

        var span = _writeBuffer.AsSpan(_writeLength, length);
        _writeLength += length;
        return span;
    }

    private void StartLocked(Http2Call call)
    {
        if (_nextStreamId < 0)
        {
            // Stream identifiers exhausted (2^31 / 2 streams): a client must open a new connection.
            call.TryFail("stream identifiers exhausted");
            return;
        }

        call.StreamId = _nextStreamId;
        _nextStreamId += 2; // overflows to negative after the last odd identifier
        call.SendWindow = _peerInitialWindow;
        call.ReceiveWindow = StreamReceiveWindow;
        _active.Add(call.StreamId, call);

        var block = call.HeaderBlock;
        var first = Math.Min(block.Length, _peerMaxFrameSize);
        var span = Reserve(FrameHeader.Size + first);
        FrameHeader.Write(span, first, FrameType.Headers, first == block.Length ? FrameFlags.EndHeaders : (byte)0, call.StreamId);
        block.AsSpan(0, first).CopyTo(span[9..]);
        for (var offset = first; offset < block.Length;)
        {
            var length = Math.Min(block.Length - offset, _peerMaxFrameSize);
            span = Reserve(FrameHeader.Size + length);
            var flags = offset + length == block.Length ? FrameFlags.EndHeaders : (byte)0;
            FrameHeader.Write(span, length, FrameType.Continuation, flags, call.StreamId);
            block.AsSpan(offset, length).CopyTo(span[9..]);
            offset += length;
        }

        if (!WriteDataLocked(call)) _blocked.Add(call);
    }

    /// <summary>Writes as much of the call's body as the windows allow; true once END_STREAM is written.</summary>
    private bool WriteDataLocked(Http2Call call)
    {
        var body = call.RequestBody.Span;
        if (body.IsEmpty)
        {
            FrameHeader.Write(Reserve(FrameHeader.Size), 0, FrameType.Data, FrameFlags.EndStream, call.StreamId);
            call.AllSent = true;
            return true;
        }

        while (call.SendOffset < body.Length)
        {
            var length = (int)Math.Min(
                Math.Min(body.Length - call.SendOffset, _peerMaxFrameSize),
                Math.Min(_connectionSendWindow, call.SendWindow));
            if (length <= 0) return false;

            var last = call.SendOffset + length == body.Length;
            var span = Reserve(FrameHeader.Size + length);
            FrameHeader.Write(span, length, FrameType.Data, last ? FrameFlags.EndStream : (byte)0, call.StreamId);
            body.Slice(call.SendOffset, length).CopyTo(span[9..]);
            call.SendOffset += length;
            call.SendWindow -= length;
            _connectionSendWindow -= length;
        }

        call.AllSent = true;
        return true;
    }

    private void ResumeBlockedLocked()
    {
        var kept = 0;
        for (var i = 0; i < _blocked.Count; i++)
        {
            var call = _blocked[i];
            if (call.IsFinished || !_active.ContainsKey(call.StreamId)) continue;
            if (_connectionSendWindow <= 0 || !WriteDataLocked(call)) _blocked[kept++] = call;
        }

        _blocked.RemoveRange(kept, _blocked.Count - kept);
    }

    private void StartQueuedLocked()
    {
        while (_queued.Count > 0 && _active.Count < _peerMaxConcurrentStreams && _failure is null && !_goingAway)
        {
            var call = _queued.Dequeue();
            if (!call.IsFinished) StartLocked(call);
        }
    }

    private void WriteRstStreamLocked(int streamId, int code)
    {
        var span = Reserve(FrameHeader.Size + 4);
        FrameHeader.Write(span, 4, FrameType.RstStream, 0, streamId);
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], (uint)code);
    }

    private void WriteWindowUpdateLocked(int streamId, int increment)
    {
        var span = Reserve(FrameHeader.Size + 4);
        FrameHeader.Write(span, 4, FrameType.WindowUpdate, 0, streamId);
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], (uint)increment);
    }

    private bool ShouldFlushLocked()
    {
        if (_writeLength == 0 || _flushing || _corked || _failure is not null) return false;
        _flushing = true;
        return true;
    }

    /// <summary>Sends the write buffer, then whatever was written meanwhile, until nothing is left.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                byte[] buffer;
                int length;
                lock (_lock)
                {
                    if (_writeLength == 0 || _failure is not null)
                    {
                        _flushing = false;
                        return;
                    }

                    (buffer, length) = (_writeBuffer, _writeLength);
                    (_writeBuffer, _writeLength, _spareBuffer) = (_spareBuffer, 0, buffer);
                }

                await _stream!.WriteAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Fail($"send failed: {Describe(e)}");
        }
    }

    // ---- Reading ----

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var received = await _stream!.ReadAsync(_reader.GetMemory()).ConfigureAwait(false);
                if (received == 0)
                {
                    Fail(_goingAway ? "connection closed after GOAWAY" : "connection closed by the server");
                    return;
                }

                _reader.Advance(received);
                var error = ProcessReceived();
                if (error is not null)
                {
                    Fail(error, sendGoAway: true);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            Fail($"receive failed: {Describe(e)}");
        }
    }

    /// <summary>Handles every complete frame received; null, or the connection error that ends the connection.</summary>
    private string? ProcessReceived()
    {
        lock (_lock) _corked = true;
        try
        {
            string? error;
            while (_reader.TryRead(out var header, out var payload, out error))
            {
                var frameError = ProcessFrame(header, payload);
                if (frameError is not null) return frameError;
            }

            return error;
        }
        finally
        {
            bool flush;
            lock (_lock)
            {
                _corked = false;
                flush = ShouldFlushLocked();
            }

            if (flush) _ = FlushAsync();
        }
    }

    private string? ProcessFrame(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_headerBlockStreamId != 0 && (header.Type != FrameType.Continuation || header.StreamId != _headerBlockStreamId))
        {
            return "PROTOCOL_ERROR: expected CONTINUATION";
        }

        switch (header.Type)
        {
            case FrameType.Data: return OnData(header, payload);
            case FrameType.Headers: return OnHeaders(header, payload);
            case FrameType.Continuation: return OnContinuation(header, payload);
            case FrameType.RstStream: return OnRstStream(header, payload);
            case FrameType.Settings: return OnSettings(header, payload);
            case FrameType.Ping: return OnPing(header, payload);
            case FrameType.GoAway: return OnGoAway(header, payload);
            case FrameType.WindowUpdate: return OnWindowUpdate(header, payload);
            case FrameType.PushPromise: return "PROTOCOL_ERROR: PUSH_PROMISE with push disabled";
            case FrameType.Priority:
                return header.StreamId == 0 ? "PROTOCOL_ERROR: PRIORITY on stream 0"
                    : header.Length != 5 ? "FRAME_SIZE_ERROR: PRIORITY" : null;
            default: return null; // unknown frame types are ignored (RFC 9113 4.1)
        }
    }

    private static bool TryRemovePadding(FrameHeader header, ref ReadOnlySpan<byte> payload)
    {
        if (!header.HasFlag(FrameFlags.Padded)) return true;
        if (payload.IsEmpty) return false;
        var padding = payload[0];
        if (padding >= payload.Length) return false;
        payload = payload[1..^padding];
        return true;
    }

    private string? OnData(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId == 0) return "PROTOCOL_ERROR: DATA on stream 0";
        if (header.Length > _connectionReceiveWindow) return "FLOW_CONTROL_ERROR: connection receive window exceeded";

        // The whole frame, padding included, counts against the windows (RFC 9113 6.9.1).
        _connectionReceiveWindow -= header.Length;
        _connectionReceiveUnacknowledged += header.Length;
        Http2Call? finished = null;
        string? streamError = null;
        lock (_lock)
        {
            if (_connectionReceiveUnacknowledged >= ConnectionReceiveWindow / 2)
            {
                WriteWindowUpdateLocked(0, _connectionReceiveUnacknowledged);
                _connectionReceiveWindow += _connectionReceiveUnacknowledged;
                _connectionReceiveUnacknowledged = 0;
            }

            if (!_active.TryGetValue(header.StreamId, out var call))
            {
                return header.StreamId >= _nextStreamId && _nextStreamId > 0 ? "PROTOCOL_ERROR: DATA on an idle stream" : null;
            }

            if (!TryRemovePadding(header, ref payload)) streamError = "PROTOCOL_ERROR: bad DATA padding";
            else if (!call.HeadersReceived) streamError = "PROTOCOL_ERROR: DATA before HEADERS";
            else if (header.Length > call.ReceiveWindow) streamError = "FLOW_CONTROL_ERROR: stream receive window exceeded";

            if (streamError is not null)
            {
                EndStreamLocked(call, resetCode: streamError.StartsWith("FLOW", StringComparison.Ordinal) ? FlowControlError : ProtocolError);
                finished = call;
            }
            else
            {
                call.ReceiveWindow -= header.Length;
                call.ReceiveUnacknowledged += header.Length;
                if (header.HasFlag(FrameFlags.EndStream))
                {
                    EndStreamLocked(call, resetCode: null);
                    finished = call;
                }
                else if (call.ReceiveUnacknowledged >= StreamReceiveWindow / 2)
                {
                    WriteWindowUpdateLocked(call.StreamId, call.ReceiveUnacknowledged);
                    call.ReceiveWindow += call.ReceiveUnacknowledged;
                    call.ReceiveUnacknowledged = 0;
                }
            }

            // Only the read loop appends to a call's body, so this may happen outside the lock too.
            if (streamError is null) call.AppendBody(payload);
        }

        if (finished is not null)
        {
            if (streamError is null) finished.TryComplete();
            else finished.TryFail(streamError);
        }

        return null;
    }

    private string? OnHeaders(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId == 0) return "PROTOCOL_ERROR: HEADERS on stream 0";
        if (!TryRemovePadding(header, ref payload)) return "PROTOCOL_ERROR: bad HEADERS padding";
        if (header.HasFlag(FrameFlags.Priority))
        {
            if (payload.Length < 5) return "FRAME_SIZE_ERROR: HEADERS priority";
            payload = payload[5..];
        }

        _headerBlockEndStream = header.HasFlag(FrameFlags.EndStream);
        if (header.HasFlag(FrameFlags.EndHeaders)) return OnHeaderBlock(header.StreamId, payload);

        _headerBlockStreamId = header.StreamId;
        _headerBlockLength = 0;
        return AppendHeaderBlock(payload);
    }

    private string? OnContinuation(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_headerBlockStreamId == 0) return "PROTOCOL_ERROR: CONTINUATION without HEADERS";
        var error = AppendHeaderBlock(payload);
        if (error is not null || !header.HasFlag(FrameFlags.EndHeaders)) return error;

        var streamId = _headerBlockStreamId;
        _headerBlockStreamId = 0;
        return OnHeaderBlock(streamId, _headerBlock.AsSpan(0, _headerBlockLength));
    }

    private string? AppendHeaderBlock(ReadOnlySpan<byte> fragment)
    {
        if (_headerBlockLength + fragment.Length > MaxHeaderBlock) return "header block too large";
        if (_headerBlock.Length - _headerBlockLength < fragment.Length)
        {
            Array.Resize(ref _headerBlock, Math.Max(_headerBlockLength + fragment.Length, _headerBlock.Length * 2));
        }

        fragment.CopyTo(_headerBlock.AsSpan(_headerBlockLength));
        _headerBlockLength += fragment.Length;
        return null;
    }

    private string? OnHeaderBlock(int streamId, ReadOnlySpan<byte> block)
    {
        // Decoded whatever became of the stream: the dynamic table is shared by all of them.
        var fields = new ResponseFields();
        var hpackError = _hpack.Decode(block, ref fields);
        if (hpackError is not null) return $"COMPRESSION_ERROR: {hpackError}";

        var endStream = _headerBlockEndStream;
        Http2Call? call;
        string? streamError = null;
        lock (_lock)
        {
            if (!_active.TryGetValue(streamId, out call))
            {
                return streamId >= _nextStreamId && _nextStreamId > 0 ? "PROTOCOL_ERROR: HEADERS on an idle stream" : null;
            }

            if (!call.HeadersReceived)
            {
                if (fields.Status is null) streamError = "PROTOCOL_ERROR: response without :status";
                else if (fields.Status < 200 && !endStream)
                {
                    return null; // informational (1xx): the final response follows
                }
                else
                {
                    call.HeadersReceived = true;
                    call.HttpStatus = fields.Status.Value;
                }
            }
            else if (!endStream)
            {
                streamError = "PROTOCOL_ERROR: trailers without END_STREAM";
            }

            call.GrpcStatus ??= fields.GrpcStatus;
            call.GrpcMessage ??= fields.GrpcMessage;
            if (streamError is not null) EndStreamLocked(call, resetCode: ProtocolError);
            else if (endStream) EndStreamLocked(call, resetCode: null);
            else call = null;
        }

        if (call is not null)
        {
            if (streamError is null) call.TryComplete();
            else call.TryFail(streamError);
        }

        return null;
    }

    private string? OnRstStream(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId == 0) return "PROTOCOL_ERROR: RST_STREAM on stream 0";
        if (payload.Length != 4) return "FRAME_SIZE_ERROR: RST_STREAM";
        var code = (int)BinaryPrimitives.ReadUInt32BigEndian(payload);
        Http2Call? call;
        lock (_lock)
        {
            if (!_active.TryGetValue(header.StreamId, out call))
            {
                return header.StreamId >= _nextStreamId && _nextStreamId > 0 ? "PROTOCOL_ERROR: RST_STREAM on an idle stream" : null;
            }

            EndStreamLocked(call, resetCode: null);
        }

        call.TryFail($"RST_STREAM {ErrorName(code)}");
        return null;
    }

    private string? OnSettings(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) return "PROTOCOL_ERROR: SETTINGS on a stream";
        if (header.HasFlag(FrameFlags.Ack)) return header.Length == 0 ? null : "FRAME_SIZE_ERROR: SETTINGS ACK with a payload";
        if (payload.Length % 6 != 0) return "FRAME_SIZE_ERROR: SETTINGS";

        lock (_lock)
        {
            for (var i = 0; i < payload.Length; i += 6)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
                var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
                switch (id)
                {
                    case 0x3: // MAX_CONCURRENT_STREAMS
                        _peerMaxConcurrentStreams = (int)Math.Min(value, int.MaxValue);
                        break;
                    case 0x4: // INITIAL_WINDOW_SIZE: applies to open streams by its difference (RFC 9113 6.9.2)
                        if (value > MaxWindow) return "FLOW_CONTROL_ERROR: SETTINGS_INITIAL_WINDOW_SIZE";
                        var delta = (int)value - _peerInitialWindow;
                        _peerInitialWindow = (int)value;
                        foreach (var call in _active.Values)
                        {
                            call.SendWindow += delta;
                            if (call.SendWindow > MaxWindow) return "FLOW_CONTROL_ERROR: stream window overflow";
                        }

                        break;
                    case 0x5: // MAX_FRAME_SIZE
                        if (value < DefaultMaxFrameSize || value > 16_777_215) return "PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE";
                        _peerMaxFrameSize = (int)value;
                        break;
                    case 0x2: // ENABLE_PUSH: a server must not send 1
                        if (value > 1) return "PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH";
                        break;
                }
            }

            FrameHeader.Write(Reserve(FrameHeader.Size), 0, FrameType.Settings, FrameFlags.Ack, 0);
            ResumeBlockedLocked();
            StartQueuedLocked();
        }

        if (!_settingsSeen)
        {
            _settingsSeen = true;
            _settingsReceived.TrySetResult();
        }

        return null;
    }

    private string? OnPing(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) return "PROTOCOL_ERROR: PING on a stream";
        if (payload.Length != 8) return "FRAME_SIZE_ERROR: PING";
        if (header.HasFlag(FrameFlags.Ack)) return null;
        lock (_lock)
        {
            var span = Reserve(FrameHeader.Size + 8);
            FrameHeader.Write(span, 8, FrameType.Ping, FrameFlags.Ack, 0);
            payload.CopyTo(span[9..]);
        }

        return null;
    }

    private string? OnGoAway(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) return "PROTOCOL_ERROR: GOAWAY on a stream";
        if (payload.Length < 8) return "FRAME_SIZE_ERROR: GOAWAY";
        var lastStreamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        var error = $"GOAWAY {ErrorName((int)BinaryPrimitives.ReadUInt32BigEndian(payload[4..]))}";
        List<Http2Call> failed = [];
        lock (_lock)
        {
            _goingAway = true;
            foreach (var call in _active.Values)
            {
                if (call.StreamId > lastStreamId) failed.Add(call);
            }

            foreach (var call in failed) _active.Remove(call.StreamId);
            failed.AddRange(_queued);
            _queued.Clear();
        }

        foreach (var call in failed) call.TryFail(error);
        return null;
    }

    private string? OnWindowUpdate(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != 4) return "FRAME_SIZE_ERROR: WINDOW_UPDATE";
        var increment = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        Http2Call? failed = null;
        lock (_lock)
        {
            if (header.StreamId == 0)
            {
                if (increment == 0) return "PROTOCOL_ERROR: WINDOW_UPDATE of 0";
                _connectionSendWindow += increment;
                if (_connectionSendWindow > MaxWindow) return "FLOW_CONTROL_ERROR: connection window overflow";
                ResumeBlockedLocked();
                return null;
            }

            if (!_active.TryGetValue(header.StreamId, out var call)) return null;
            if (increment == 0 || call.SendWindow + increment > MaxWindow)
            {
                EndStreamLocked(call, increment == 0 ? ProtocolError : FlowControlError);
                failed = call;
            }
            else
            {
                call.SendWindow += increment;
                if (!call.AllSent) ResumeBlockedLocked();
            }
        }

        failed?.TryFail(increment == 0 ? "PROTOCOL_ERROR: WINDOW_UPDATE of 0" : "FLOW_CONTROL_ERROR: stream window overflow");
        return null;
    }

    /// <summary>Closes the call's stream, resetting it first if told to; frees its slot for a queued call.</summary>
    private void EndStreamLocked(Http2Call call, int? resetCode)
    {
        _active.Remove(call.StreamId);
        if (resetCode is { } code) WriteRstStreamLocked(call.StreamId, code);
        StartQueuedLocked();
    }

    // ---- Cancellation, timeouts, failure ----

    /// <summary>The call's token fired: reset its stream if open, drop it if queued, and throw in the caller.</summary>
    internal void Cancel(Http2Call call, CancellationToken cancellationToken)
    {
        bool flush;
        lock (_lock)
        {
            if (call.StreamId != 0 && _active.TryGetValue(call.StreamId, out var active) && active == call)
            {
                EndStreamLocked(call, CancelCode);
            }

            // A queued call is skipped when dequeued, a blocked one when windows open.
            flush = ShouldFlushLocked();
        }

        call.TryCancel(cancellationToken);
        if (flush) _ = FlushAsync();
    }

    private void SweepTimedOut()
    {
        var deadline = Environment.TickCount64 - (long)_callTimeout.TotalMilliseconds;
        List<Http2Call>? expired = null;
        bool flush;
        lock (_lock)
        {
            foreach (var call in _active.Values)
            {
                if (call.StartTicks < deadline) (expired ??= []).Add(call);
            }

            foreach (var call in _queued)
            {
                if (call.StartTicks < deadline && !call.IsFinished) (expired ??= []).Add(call);
            }

            if (expired is null) return;
            foreach (var call in expired)
            {
                if (call.StreamId != 0 && _active.Remove(call.StreamId)) WriteRstStreamLocked(call.StreamId, CancelCode);
            }

            StartQueuedLocked();
            flush = ShouldFlushLocked();
        }

        foreach (var call in expired) call.TryFail("timed out");
        if (flush) _ = FlushAsync();
    }

    /// <summary>Ends the connection: every open and queued call fails with <paramref name="error"/>.</summary>
    private void Fail(string error, bool sendGoAway = false)
    {
        List<Http2Call> failed;
        lock (_lock)
        {
            if (_failure is not null) return;
            _failure = error;
            failed = [.. _active.Values, .. _queued];
            _active.Clear();
            _queued.Clear();
            _blocked.Clear();
        }

        if (sendGoAway && _stream is not null)
        {
            // Best effort: tell the server why before closing.
            var code = error.StartsWith("COMPRESSION", StringComparison.Ordinal) ? CompressionError
                : error.StartsWith("FLOW", StringComparison.Ordinal) ? FlowControlError : ProtocolError;
            var frame = new byte[FrameHeader.Size + 8];
            FrameHeader.Write(frame, 8, FrameType.GoAway, 0, 0);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(13), (uint)code);
            try
            {
                _socket?.Send(frame);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _settingsReceived.TrySetException(new IOException(error));
        _sweep?.Dispose();
        _socket?.Dispose();
        foreach (var call in failed) call.TryFail(error);
    }

    private static string ErrorName(int code) =>
        code >= 0 && code < ErrorNames.Length ? ErrorNames[code] : $"error 0x{code:x}";

    private static string Describe(Exception e) =>
        e is IOException { InnerException: SocketException s } ? s.SocketErrorCode.ToString()
        : e is SocketException socket ? socket.SocketErrorCode.ToString()
        : e.GetType().Name;

    public void Dispose() => Fail("connection disposed");

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The fields of a response header block the client reports; other fields are only decoded.</summary>
    private struct ResponseFields : IHeaderHandler
    {
        public int? Status;
        public int? GrpcStatus;
        public string? GrpcMessage;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (name.SequenceEqual(":status"u8)) Status = ParseDigits(value);
            else if (name.SequenceEqual("grpc-status"u8)) GrpcStatus = ParseDigits(value);
            else if (name.SequenceEqual("grpc-message"u8)) GrpcMessage = System.Text.Encoding.UTF8.GetString(value);
        }

        private static int? ParseDigits(ReadOnlySpan<byte> value)
        {
            if (value.IsEmpty || value.Length > 9) return null;
            var result = 0;
            foreach (var b in value)
            {
                if (b is < (byte)'0' or > (byte)'9') return null;
                result = result * 10 + (b - '0');
            }

            return result;
        }
    }
}
