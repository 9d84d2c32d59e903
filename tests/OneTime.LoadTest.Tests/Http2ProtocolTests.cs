using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OneTime.LoadTest.Http2;

namespace OneTime.LoadTest.Tests;

/// <summary>
/// The HTTP/2 client against a scripted server on a loopback socket, for what Kestrel never sends on its own:
/// CONTINUATION, padding, PRIORITY flags, Huffman strings, PING, RST_STREAM, GOAWAY, a small concurrency limit,
/// small flow control windows, protocol violations and silence.
/// </summary>
public class Http2ProtocolTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(1);
    private static readonly byte[] HeaderBlock = RequestHeaders.Encode("test", "/onetime.v1.SecretService/Store");

    [Fact]
    public async Task Response_ContinuationPaddingHuffmanAndDynamicTable_Decoded()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var first = connection.SendAsync(HeaderBlock, new byte[] { 0, 0, 0, 0, 1, 42 }, timeout.Token).AsTask();
        await server.AcceptAsync(settings: (0x3, 1)); // one stream at a time
        // The first call goes out once the connection is up, on another thread: only after its HEADERS is the second
        // sure to come after it (sent at once, it could take stream 1 on a busy machine).
        var (headers, block) = await server.ReadAsync(FrameType.Headers);
        var second = connection.SendAsync(HeaderBlock, new byte[] { 0, 0, 0, 0, 0 }, timeout.Token).AsTask();

        Assert.Equal(1, headers.StreamId);
        Assert.Equal(HeaderBlock, block);
        var (data, body) = await server.ReadAsync(FrameType.Data);
        Assert.True(data.HasFlag(FrameFlags.EndStream));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 42 }, body);

        // :status 200 indexed into the dynamic table, split over HEADERS (padded, with priority) and CONTINUATION.
        byte[] statusField = [0x48, 3, .. "200"u8];
        await server.SendAsync(FrameType.Headers, FrameFlags.Padded | FrameFlags.Priority, 1,
            [2, 0, 0, 0, 0, 16, .. statusField[..2], 0, 0]);
        await server.SendAsync(FrameType.Continuation, FrameFlags.EndHeaders, 1, statusField[2..]);
        await server.SendAsync(FrameType.Data, FrameFlags.Padded, 1, [3, 0, 0, 0, 0, 2, 7, 0, 0, 0]);
        await server.SendAsync(FrameType.Data, 0, 1, [8]);
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 1,
            [.. Literal("grpc-status", "0", huffman: true)]);

        var response = await first.WaitAsync(timeout.Token);
        Assert.Null(response.Error);
        Assert.Equal((200, 0), (response.HttpStatus, response.GrpcStatus));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 2, 7, 8 }, response.BodySpan.ToArray());

        // Only now, with stream 1 closed, may stream 3 start. Trailers-only, :status from the dynamic table (62).
        Assert.False(second.IsCompleted);
        (headers, _) = await server.ReadAsync(FrameType.Headers);
        Assert.Equal(3, headers.StreamId);
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 3,
            [0xbe, .. Literal("grpc-status", "5"), .. Literal("grpc-message", "gone away", huffman: true)]);

        response = await second.WaitAsync(timeout.Token);
        Assert.Null(response.Error);
        Assert.Equal((200, 5, "gone away", 0), (response.HttpStatus, response.GrpcStatus, response.GrpcMessage, response.BodyLength));
    }

    [Fact]
    public async Task Ping_AnsweredWithAck_SettingsAcknowledged()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var call = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();

        var (settingsAck, _) = await server.ReadAsync(FrameType.Settings, ack: true);
        Assert.Equal(0, settingsAck.Length);
        await server.SendAsync(FrameType.Ping, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]);
        var (ping, payload) = await server.ReadAsync(FrameType.Ping);
        Assert.True(ping.HasFlag(FrameFlags.Ack));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, payload);

        await server.ReadAsync(FrameType.Headers, streamId: 1); // the call's request: its stream is open
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 1, [0x88, .. Literal("grpc-status", "0")]);
        Assert.Equal(0, (await call.WaitAsync(timeout.Token)).GrpcStatus);
    }

    [Fact]
    public async Task RstStream_FailsThatStreamOnly()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var first = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers, streamId: 1); // the first call's, before the second may take a stream
        var second = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.ReadAsync(FrameType.Headers, streamId: 3);

        await server.SendAsync(FrameType.RstStream, 0, 1, [0, 0, 0, 7]);
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 3, [0x88, .. Literal("grpc-status", "0")]);

        Assert.Equal("RST_STREAM REFUSED_STREAM", (await first.WaitAsync(timeout.Token)).Error);
        Assert.Null((await second.WaitAsync(timeout.Token)).Error);
    }

    [Fact]
    public async Task GoAway_FailsStreamsAboveLastStreamId_AndNewCalls()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var first = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers, streamId: 1); // the first call's, before the second may take a stream
        var second = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.ReadAsync(FrameType.Headers, streamId: 3);

        await server.SendAsync(FrameType.GoAway, 0, 0, [0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Equal("GOAWAY NO_ERROR", (await second.WaitAsync(timeout.Token)).Error);
        Assert.Equal("connection going away (GOAWAY)", (await connection.SendAsync(HeaderBlock, new byte[5], timeout.Token)).Error);

        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 1, [0x88, .. Literal("grpc-status", "0")]);
        Assert.Null((await first.WaitAsync(timeout.Token)).Error);
    }

    [Fact]
    public async Task SmallWindows_BodySentAsWindowUpdatesAllow()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var body = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var call = connection.SendAsync(HeaderBlock, body, timeout.Token).AsTask();
        await server.AcceptAsync(settings: (0x4, 1000)); // INITIAL_WINDOW_SIZE
        await server.ReadAsync(FrameType.Headers);

        var received = new List<byte>();
        var (data, chunk) = await server.ReadAsync(FrameType.Data);
        received.AddRange(chunk);
        Assert.Equal(1000, received.Count); // the stream window, not more
        while (!data.HasFlag(FrameFlags.EndStream))
        {
            // The connection window (65535) runs out too after a while: open both.
            await server.SendAsync(FrameType.WindowUpdate, 0, 1, Int(30_000));
            if (received.Count % 60_000 < 30_000) await server.SendAsync(FrameType.WindowUpdate, 0, 0, Int(30_000));
            (data, chunk) = await server.ReadAsync(FrameType.Data);
            Assert.True(chunk.Length <= 30_000);
            received.AddRange(chunk);
        }

        Assert.Equal(body, received.ToArray());
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 1, [0x88, .. Literal("grpc-status", "0")]);
        Assert.Null((await call.WaitAsync(timeout.Token)).Error);
    }

    [Fact]
    public async Task LargeResponse_ReceiveWindowReplenished()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var call = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers);

        // 5 MiB: past half of the stream window (8 MiB), so the client must say it consumed it.
        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders, 1, [0x88]);
        var chunk = new byte[16_384];
        for (var i = 0; i < 320; i++) await server.SendAsync(FrameType.Data, 0, 1, chunk);
        var (update, increment) = await server.ReadAsync(FrameType.WindowUpdate, streamId: 1);
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(increment) >= 4 * 1024 * 1024);

        await server.SendAsync(FrameType.Headers, FrameFlags.EndHeaders | FrameFlags.EndStream, 1, [.. Literal("grpc-status", "0")]);
        var response = await call.WaitAsync(timeout.Token);
        Assert.Equal(320 * 16_384, response.BodyLength);
        Assert.Equal(1, update.StreamId);
    }

    [Theory]
    [InlineData(0x1, FrameFlags.EndHeaders, 1, "ff", "COMPRESSION_ERROR")] // HEADERS, truncated integer
    [InlineData(0x0, 0, 0, "00", "PROTOCOL_ERROR: DATA on stream 0")]
    [InlineData(0x6, 0, 0, "0102", "FRAME_SIZE_ERROR: PING")]
    [InlineData(0x5, FrameFlags.EndHeaders, 1, "00000002", "PROTOCOL_ERROR: PUSH_PROMISE")]
    [InlineData(0x8, 0, 0, "7fffffff", "FLOW_CONTROL_ERROR")] // WINDOW_UPDATE past 2^31 - 1
    public async Task ProtocolViolation_FailsCallsAndSendsGoAway(byte frameType, byte flags, int streamId, string hex, string error)
    {
        var type = (FrameType)frameType;
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var call = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers);

        await server.SendAsync(type, flags, streamId, Convert.FromHexString(hex));

        var response = await call.WaitAsync(timeout.Token);
        Assert.StartsWith(error, response.Error);
        var (_, goAway) = await server.ReadAsync(FrameType.GoAway);
        Assert.NotEqual(0, BinaryPrimitives.ReadInt32BigEndian(goAway.AsSpan(4)));
        Assert.Equal(response.Error, (await connection.SendAsync(HeaderBlock, new byte[5], timeout.Token)).Error);
    }

    [Fact]
    public async Task ExpectedContinuation_OtherFrame_IsAConnectionError()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var call = connection.SendAsync(HeaderBlock, new byte[5], timeout.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers);

        await server.SendAsync(FrameType.Headers, 0, 1, [0x88]);
        await server.SendAsync(FrameType.Data, 0, 1, [0]);

        Assert.Equal("PROTOCOL_ERROR: expected CONTINUATION", (await call.WaitAsync(timeout.Token)).Error);
    }

    [Fact]
    public async Task SilentServer_CancellationEndsTheCall_AndResetsTheStream()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var cts = new CancellationTokenSource();
        var call = connection.SendAsync(HeaderBlock, new byte[5], cts.Token).AsTask();
        await server.AcceptAsync();
        await server.ReadAsync(FrameType.Headers);

        cts.CancelAfter(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeout));
        var (reset, code) = await server.ReadAsync(FrameType.RstStream);
        Assert.Equal(1, reset.StreamId);
        Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(code)); // CANCEL
        Assert.Equal(0, connection.PendingCalls);
    }

    [Fact]
    public async Task NoSettings_CancellationEndsTheCall()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect();
        using var cts = new CancellationTokenSource(200);
        var call = connection.SendAsync(HeaderBlock, new byte[5], cts.Token).AsTask();
        await server.AcceptAsync(sendSettings: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task SilentServer_TimeoutSweepFailsTheCall()
    {
        await using var server = new ScriptedServer();
        await using var connection = server.Connect(callTimeout: TimeSpan.FromMilliseconds(500));
        var call = connection.SendAsync(HeaderBlock, new byte[5], CancellationToken.None).AsTask();
        await server.AcceptAsync();

        Assert.Equal("timed out", (await call.WaitAsync(TestTimeout)).Error);
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A literal header field without indexing, with a literal name.</summary>
    private static byte[] Literal(string name, string value, bool huffman = false) =>
        [0x00, .. String(name, huffman), .. String(value, huffman)];

    private static byte[] String(string text, bool huffman)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (!huffman) return [(byte)bytes.Length, .. bytes];

        var bits = new List<bool>();
        foreach (var b in bytes)
        {
            var (code, length) = Huffman.CodeOf(b);
            for (var i = length - 1; i >= 0; i--) bits.Add(((code >> i) & 1) != 0);
        }

        while (bits.Count % 8 != 0) bits.Add(true);
        var encoded = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i]) encoded[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return [(byte)(0x80 | encoded.Length), .. encoded];
    }

    /// <summary>One server connection on loopback, driven frame by frame by the test.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly FrameReader _reader = new(16_384);
        private readonly List<(FrameHeader Header, byte[] Payload)> _setAside = [];
        private Socket? _socket;

        public ScriptedServer() => _listener.Start();

        public Http2Connection Connect(TimeSpan? callTimeout = null) =>
            new((IPEndPoint)_listener.LocalEndpoint, callTimeout ?? TestTimeout);

        public async Task AcceptAsync(bool sendSettings = true, params (ushort Id, int Value)[] settings)
        {
            _socket = await _listener.AcceptSocketAsync().WaitAsync(TestTimeout);
            var preface = new byte[24];
            for (var read = 0; read < preface.Length;)
            {
                read += await _socket.ReceiveAsync(preface.AsMemory(read)).AsTask().WaitAsync(TestTimeout);
            }

            Assert.Equal("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), preface);
            var (clientSettings, _) = await ReadFrameAsync();
            Assert.Equal(FrameType.Settings, clientSettings.Type);
            if (!sendSettings) return;

            var payload = new byte[settings.Length * 6];
            for (var i = 0; i < settings.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(i * 6), settings[i].Id);
                BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(i * 6 + 2), settings[i].Value);
            }

            await SendAsync(FrameType.Settings, 0, 0, payload);
        }

        public async Task SendAsync(FrameType type, byte flags, int streamId, byte[] payload)
        {
            var frame = new byte[FrameHeader.Size + payload.Length];
            FrameHeader.Write(frame, payload.Length, type, flags, streamId);
            payload.CopyTo(frame, FrameHeader.Size);
            for (var sent = 0; sent < frame.Length;)
            {
                sent += await _socket!.SendAsync(frame.AsMemory(sent)).AsTask().WaitAsync(TestTimeout);
            }
        }

        /// <summary>
        /// The next frame of <paramref name="type"/> (and ACK flag, stream). Frames of other kinds are set aside for
        /// later reads, since the client's frames on different streams may come in either order.
        /// </summary>
        public async Task<(FrameHeader Header, byte[] Payload)> ReadAsync(FrameType type, bool ack = false, int? streamId = null)
        {
            var index = _setAside.FindIndex(f => Matches(f.Header, type, ack, streamId));
            if (index >= 0)
            {
                var found = _setAside[index];
                _setAside.RemoveAt(index);
                return found;
            }

            while (true)
            {
                var frame = await ReadFrameAsync();
                if (Matches(frame.Item1, type, ack, streamId)) return frame;
                _setAside.Add(frame);
            }
        }

        private static bool Matches(FrameHeader header, FrameType type, bool ack, int? streamId) =>
            header.Type == type
            && (streamId is not { } id || header.StreamId == id)
            && (type is not FrameType.Settings || header.HasFlag(FrameFlags.Ack) == ack);

        private async Task<(FrameHeader, byte[])> ReadFrameAsync()
        {
            while (true)
            {
                if (TryRead(out var frame)) return frame;
                var received = await _socket!.ReceiveAsync(_reader.GetMemory()).AsTask().WaitAsync(TestTimeout);
                if (received == 0) throw new IOException("client closed the connection");
                _reader.Advance(received);
            }
        }

        private bool TryRead(out (FrameHeader, byte[]) frame)
        {
            frame = default;
            if (!_reader.TryRead(out var header, out var payload, out var error))
            {
                Assert.Null(error);
                return false;
            }

            frame = (header, payload.ToArray());
            return true;
        }

        public ValueTask DisposeAsync()
        {
            _socket?.Dispose();
            _listener.Stop();
            return ValueTask.CompletedTask;
        }
    }
}
