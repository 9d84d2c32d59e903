using System.Buffers.Binary;

namespace OneTime.LoadTest.Http2;

// RST_STREAM, SETTINGS, PING, GOAWAY and WINDOW_UPDATE, as the read loop meets them.
internal sealed partial class Http2Connection
{
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
}
