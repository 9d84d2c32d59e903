using System.Buffers;
using BenchmarkDotNet.Attributes;
using OneTime.Server.Grpc;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Benchmarks;

/// <summary>The gRPC-Web trailers frame (PROTOCOL-WEB.md: flag 0x80, an HTTP/1 header block) every web call ends with.</summary>
[MemoryDiagnoser]
public class WebTrailerBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1024);

    [Benchmark(Baseline = true)]
    public int WriteTrailers_Ok()
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteWebTrailers(_output, StatusCode.OK, null);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int WriteTrailers_NotFoundWithMessage()
    {
        _output.ResetWrittenCount();
        FrameWriter.WriteWebTrailers(_output, StatusCode.NotFound, PercentEncoding.Encode("Secret not found."));
        return _output.WrittenCount;
    }
}
