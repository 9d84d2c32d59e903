using System.Buffers.Binary;
using System.Net.Sockets;

namespace OneTime.LoadTest.Http2;

// Cancellation, timeouts and the end of the connection.
internal sealed partial class Http2Connection
{
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
}
