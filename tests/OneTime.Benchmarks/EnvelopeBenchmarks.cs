using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.Client;
using OneTime.V1;

namespace OneTime.Benchmarks;

/// <summary>
/// The client envelope (HKDF key derivation, protobuf payload, padding, AES-256-GCM). The envelope types are internal
/// to OneTime.Client and not visible to this assembly, so they are measured through the public
/// <see cref="OneTimeClient"/> against an in-memory handler that answers at once: each figure includes the client's
/// gRPC-Web call (Grpc.Net.Client with GrpcWebHandler) and HttpClient's per-call cost. <see cref="Burn"/> derives the keys and makes the same call
/// without decrypting, so Read minus Burn is decryption and payload parsing alone.
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private const int FrameHeaderSize = 5; // [flags:1][length:4 big-endian], grpc/grpc doc/PROTOCOL-HTTP2.md

    private static readonly Uri Base = new("http://onetime.invalid");
    private OneTimeClient _client = null!;
    private CannedHandler _handler = null!;
    private byte[] _secret = [];
    private string _link = string.Empty;
    private byte[] _storeResponseBody = [];
    private byte[] _retrieveResponseBody = [];

    [Params(256, 16384)]
    public int SecretSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _secret = new byte[SecretSize];
        Random.Shared.NextBytes(_secret);
        _handler = new CannedHandler();
        _client = new OneTimeClient(new HttpClient(_handler) { BaseAddress = Base });

        // One real send, to get a link and the ciphertext that belongs to it.
        _handler.Respond(new StoreResponse { Id = "AAAAAAAAAAAAAAAAAAAAAA", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) });
        _link = _client.SendAsync(_secret).GetAwaiter().GetResult().ToString();
        var sent = StoreRequest.Parser.ParseFrom(_handler.LastRequestBody.AsSpan(FrameHeaderSize));
        _handler.Respond(new RetrieveResponse { Ciphertext = sent.Ciphertext });
        _storeResponseBody = CannedHandler.Body(new StoreResponse { Id = "AAAAAAAAAAAAAAAAAAAAAA" });
        _retrieveResponseBody = _handler.ResponseBody;
    }

    [Benchmark]
    public async Task<string> Send()
    {
        _handler.ResponseBody = _storeResponseBody;
        return (await _client.SendAsync(_secret)).ToString();
    }

    [Benchmark]
    public async Task<int> Read()
    {
        _handler.ResponseBody = _retrieveResponseBody;
        return (await _client.ReadAsync(_link)).Content.Length;
    }

    [Benchmark(Baseline = true)]
    public async Task Burn()
    {
        _handler.ResponseBody = _retrieveResponseBody;
        await _client.BurnAsync(_link);
    }

    /// <summary>Answers every call with one canned gRPC-Web response: a message frame and an OK trailers frame.</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        public byte[] ResponseBody { get; set; } = [];

        public byte[] LastRequestBody { get; private set; } = [];

        public void Respond(IMessage message) => ResponseBody = Body(message);

        private static readonly byte[] OkTrailers = "grpc-status: 0\r\n"u8.ToArray();

        public static byte[] Body(IMessage message)
        {
            var payload = message.ToByteArray();
            var body = new byte[FrameHeaderSize + payload.Length + FrameHeaderSize + OkTrailers.Length];
            body[0] = 0x00; // a message frame, uncompressed
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)payload.Length);
            payload.CopyTo(body, FrameHeaderSize);
            var trailers = body.AsSpan(FrameHeaderSize + payload.Length);
            trailers[0] = 0x80; // gRPC-Web's trailers frame (PROTOCOL-WEB.md)
            BinaryPrimitives.WriteUInt32BigEndian(trailers[1..], (uint)OkTrailers.Length);
            OkTrailers.CopyTo(trailers[FrameHeaderSize..]);
            return body;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequestBody = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var content = new ByteArrayContent(ResponseBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, Version = HttpVersion.Version11 };
        }
    }
}
