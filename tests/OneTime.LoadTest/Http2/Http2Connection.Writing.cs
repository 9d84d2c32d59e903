using System.Buffers.Binary;

namespace OneTime.LoadTest.Http2;

// Writing frames: callers hold _lock; FlushAsync sends the buffer outside it.
internal sealed partial class Http2Connection
{
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
}
