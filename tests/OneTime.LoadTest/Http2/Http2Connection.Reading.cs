namespace OneTime.LoadTest.Http2;

// The read loop: frames in, dispatched to their calls (DATA, HEADERS, CONTINUATION here).
internal sealed partial class Http2Connection
{
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
