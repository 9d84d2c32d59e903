using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using OneTime.LoadTest.Http2;
using OneTime.Testing;

namespace OneTime.LoadTest.Tests;

/// <summary>
/// The generator's HTTP/2 client against the real server on a real Kestrel. The messages are written and read
/// with Google.Protobuf's wire primitives: the contract's generated types exist in both the server's and the
/// generator's assembly, so naming them here would be ambiguous.
/// </summary>
public class Http2ConnectionTests
{
    private const string Service = "/onetime.v1.SecretService/";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(1);
    private const int SmallestEnvelope = 285; // the smallest ciphertext the server accepts (protos/README.md "Blob")

    private readonly byte[] _authToken = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task StoreExistsRetrieve_RoundTrips()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);
        var ciphertext = RandomNumberGenerator.GetBytes(300);

        var id = await StoreAsync(server, connection, ciphertext, timeout.Token);

        Assert.True(await ExistsAsync(server, connection, id, timeout.Token));

        var retrieved = await CallAsync(server, connection, "Retrieve", IdRequest(id), timeout.Token);
        Assert.Equal(0, retrieved.GrpcStatus);
        Assert.Equal(ciphertext, BytesField(Message(retrieved), 1));

        // Read once: the second Retrieve is answered trailers-only, the status in the one HEADERS block.
        var again = await CallAsync(server, connection, "Retrieve", IdRequest(id), timeout.Token);
        Assert.Null(again.Error);
        Assert.Equal(200, again.HttpStatus);
        Assert.Equal(5, again.GrpcStatus); // NOT_FOUND
        Assert.Equal(0, again.BodyLength);

        Assert.False(await ExistsAsync(server, connection, id, timeout.Token));
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);

        var response = await CallAsync(server, connection, "Nope", [], timeout.Token);

        Assert.Null(response.Error);
        Assert.Equal(12, response.GrpcStatus); // UNIMPLEMENTED
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1500)] // beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS (1000): the rest wait their turn
    public async Task ConcurrentCalls_AllAnsweredOnOneConnection(int calls)
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);
        var payloads = Enumerable.Range(0, calls).Select(_ => RandomNumberGenerator.GetBytes(SmallestEnvelope)).ToArray();

        var ids = await Task.WhenAll(payloads.Select(p => StoreAsync(server, connection, p, timeout.Token)));
        Assert.Equal(calls, ids.Distinct().Count());

        var retrieved = await Task.WhenAll(ids.Select(id =>
            CallAsync(server, connection, "Retrieve", IdRequest(id), timeout.Token).AsTask()));
        for (var i = 0; i < calls; i++)
        {
            Assert.Equal(0, retrieved[i].GrpcStatus);
            Assert.Equal(payloads[i], BytesField(Message(retrieved[i]), 1));
        }

        Assert.Equal(0, connection.PendingCalls);
    }

    [Fact]
    public async Task OneMebibyte_StoredAndReadBack()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);
        // Four at once: together far above the server's initial connection and stream windows (1 MiB, 768 KiB).
        var payloads = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetBytes(1024 * 1024)).ToArray();

        var ids = await Task.WhenAll(payloads.Select(p => StoreAsync(server, connection, p, timeout.Token)));
        var retrieved = await Task.WhenAll(ids.Select(id =>
            CallAsync(server, connection, "Retrieve", IdRequest(id), timeout.Token).AsTask()));

        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(0, retrieved[i].GrpcStatus);
            Assert.True(payloads[i].AsSpan().SequenceEqual(BytesField(Message(retrieved[i]), 1)));
        }
    }

    [Fact]
    public async Task AboveMaxCiphertext_InvalidArgument_ConnectionCarriesOn()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);

        var response = await CallAsync(server, connection, "Store",
            StoreRequest(RandomNumberGenerator.GetBytes(1024 * 1024 + 1)), timeout.Token);

        Assert.Null(response.Error);
        Assert.Equal(3, response.GrpcStatus); // INVALID_ARGUMENT
        await StoreAsync(server, connection, RandomNumberGenerator.GetBytes(SmallestEnvelope), timeout.Token);
    }

    [Fact]
    public async Task CancelledMidFlight_ThrowsAndConnectionCarriesOn()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);
        var headers = RequestHeaders.Encode(server.GrpcUri.Authority, Service + "Store");
        var body = Frame(StoreRequest(RandomNumberGenerator.GetBytes(256 * 1024)));

        var first = await connection.SendAsync(headers, body, timeout.Token); // connects
        Assert.Equal(0, first.GrpcStatus);

        var cancelled = 0;
        for (var i = 0; i < 20; i++)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var call = connection.SendAsync(headers, body, cts.Token); // HEADERS and DATA are on their way
            cts.Cancel();
            try
            {
                var response = await call;
                Assert.Equal(0, response.GrpcStatus); // answered before the cancellation: fine too
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }

        Assert.True(cancelled > 0, "no call was cancelled in flight");
        Assert.Equal(0, connection.PendingCalls);
        var after = await connection.SendAsync(headers, body, timeout.Token);
        Assert.Null(after.Error);
        Assert.Equal(200, after.HttpStatus);
        Assert.Equal(0, after.GrpcStatus);
    }

    [Fact]
    public async Task CancelledBeforeStart_Throws()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        var headers = RequestHeaders.Encode(server.GrpcUri.Authority, Service + "Exists");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await connection.SendAsync(headers, new byte[5], new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ServerStops_CallsFailInsteadOfHanging()
    {
        var server = await OneTimeTestServer.StartAsync();
        await using var connection = Connect(server);
        using var timeout = new CancellationTokenSource(TestTimeout);
        await StoreAsync(server, connection, RandomNumberGenerator.GetBytes(SmallestEnvelope), timeout.Token);

        await server.DisposeAsync();

        var response = await CallAsync(server, connection, "Store", StoreRequest([2]), timeout.Token);
        Assert.NotNull(response.Error);
    }

    [Fact]
    public async Task NothingListening_ConnectError()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new Http2Connection(new IPEndPoint(IPAddress.Loopback, port), TestTimeout);

        var response = await connection.SendAsync(RequestHeaders.Encode($"127.0.0.1:{port}", Service + "Store"), new byte[5], CancellationToken.None);

        Assert.Equal("connect: ConnectionRefused", response.Error);
    }

    private static Http2Connection Connect(OneTimeTestServer server) =>
        new(new IPEndPoint(IPAddress.Loopback, server.GrpcUri.Port), TestTimeout);

    private static ValueTask<Http2Response> CallAsync(
        OneTimeTestServer server, Http2Connection connection, string method, byte[] message, CancellationToken cancellationToken) =>
        connection.SendAsync(RequestHeaders.Encode(server.GrpcUri.Authority, Service + method), Frame(message), cancellationToken);

    private async Task<string> StoreAsync(
        OneTimeTestServer server, Http2Connection connection, byte[] ciphertext, CancellationToken cancellationToken)
    {
        var response = await CallAsync(server, connection, "Store", StoreRequest(ciphertext), cancellationToken);
        Assert.Null(response.Error);
        Assert.Equal(200, response.HttpStatus);
        Assert.Equal(0, response.GrpcStatus);
        return Encoding.UTF8.GetString(BytesField(Message(response), 1));
    }

    private async Task<bool> ExistsAsync(
        OneTimeTestServer server, Http2Connection connection, string id, CancellationToken cancellationToken)
    {
        var response = await CallAsync(server, connection, "Exists", IdRequest(id), cancellationToken);
        Assert.Equal(0, response.GrpcStatus);
        var input = new CodedInputStream(Message(response));
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (tag == 8) return input.ReadBool();
            input.SkipLastField();
        }

        return false;
    }

    // StoreRequest { bytes ciphertext = 1; bytes auth_token = 2; Duration ttl = 3 { int64 seconds = 1 } }
    private byte[] StoreRequest(byte[] ciphertext) => Write(output =>
    {
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(ciphertext));
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(_authToken));
        output.WriteTag(3, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(Write(ttl =>
        {
            ttl.WriteTag(1, WireFormat.WireType.Varint);
            ttl.WriteInt64(300);
        })));
    });

    // RetrieveRequest and ExistsRequest: { string id = 1; bytes auth_token = 2; }
    private byte[] IdRequest(string id) => Write(output =>
    {
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString(id);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(_authToken));
    });

    private static byte[] Write(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static byte[] Frame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The one Length-Prefixed-Message of the response body.</summary>
    private static byte[] Message(Http2Response response)
    {
        Assert.Null(response.Error);
        var body = response.BodySpan;
        Assert.True(body.Length >= 5);
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body[1..]));
        return body[5..].ToArray();
    }

    private static byte[] BytesField(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field) return input.ReadBytes().ToByteArray();
            input.SkipLastField();
        }

        return [];
    }
}
