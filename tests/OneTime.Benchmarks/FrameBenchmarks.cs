using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.Server.Grpc.Internal;
using OneTime.V1;

namespace OneTime.Benchmarks;

/// <summary>Length-Prefixed-Message framing (PROTOCOL-HTTP2.md) of a typical Store request and Retrieve response.</summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private const int MaxMessageSize = 1 << 20;
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private ReadOnlySequence<byte> _whole;
    private ReadOnlySequence<byte> _split;
    private RetrieveResponse _retrieveResponse = null!;
    private StoreResponse _storeResponse = null!;

    [Params(256, 16384)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var request = new StoreRequest
        {
            Ciphertext = ByteString.CopyFrom(new byte[PayloadSize]),
            AuthToken = ByteString.CopyFrom(new byte[32]),
            Ttl = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        };
        var frame = new ArrayBufferWriter<byte>();
        FrameWriter.WriteMessage(frame, request);
        _whole = new ReadOnlySequence<byte>(frame.WrittenMemory);
        _split = Segments.Split(frame.WrittenMemory, 3); // as HTTP/2 DATA frames may cut it
        _retrieveResponse = new RetrieveResponse { Ciphertext = request.Ciphertext };
        _storeResponse = new StoreResponse { Id = "AAAAAAAAAAAAAAAAAAAAAA", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) };
    }

    [Benchmark]
    public int ReadFrame_OneSegment()
    {
        var buffer = _whole;
        FrameReader.TryReadMessage(ref buffer, MaxMessageSize, out _, out var message);
        return (int)message.Length;
    }

    [Benchmark]
    public int ReadFrameAndParse_ThreeSegments()
    {
        var buffer = _split;
        FrameReader.TryReadMessage(ref buffer, MaxMessageSize, out _, out var message);
        return StoreRequest.Parser.ParseFrom(message).Ciphertext.Length;
    }

    [Benchmark]
    public int WriteFrame_StoreResponse()
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteMessage(_output, _storeResponse);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int WriteFrame_RetrieveResponse()
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteMessage(_output, _retrieveResponse);
        return _output.WrittenCount;
    }
}
