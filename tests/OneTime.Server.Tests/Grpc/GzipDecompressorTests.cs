using System.Buffers;
using OneTime.Server.Grpc;
using OneTime.Server.Grpc.Internal;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Grpc;

public sealed class GzipDecompressorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(5000)] // past the initial buffer
    [InlineData(10_000)] // exactly the limit
    public void Decompress_WithinLimit_ReturnsOriginalBytes(int size)
    {
        // Arrange
        var original = Enumerable.Range(0, size).Select(i => (byte)(i % 7)).ToArray();
        var compressed = new ReadOnlySequence<byte>(GrpcTestFrames.Gzip(original));

        // Act
        var buffer = GzipDecompressor.Decompress(compressed, 10_000, out var length);

        // Assert
        Assert.Equal(original, buffer.AsSpan(0, length).ToArray());
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [Fact]
    public void Decompress_OneBytePastLimit_ThrowsResourceExhausted()
    {
        // Arrange
        var compressed = new ReadOnlySequence<byte>(GrpcTestFrames.Gzip(new byte[10_001]));

        // Act
        var exception = Assert.Throws<RpcException>(() => GzipDecompressor.Decompress(compressed, 10_000, out _));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, exception.StatusCode);
    }
}
