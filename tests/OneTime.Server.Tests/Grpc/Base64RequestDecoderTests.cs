using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using OneTime.Server.Grpc;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class Base64RequestDecoderTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 23).Select(i => (byte)(i * 11)).ToArray();

    [Fact]
    public void Decode_IndependentlyPaddedChunks_DecodesAll()
    {
        // Arrange: 1, 2, 3 and 17 bytes, each encoded on its own ("AA==", "AAs=", ...).
        var text = Convert.ToBase64String(Payload[..1]) + Convert.ToBase64String(Payload[1..3])
            + Convert.ToBase64String(Payload[3..6]) + Convert.ToBase64String(Payload[6..]);
        var decoder = new Base64RequestDecoder();
        var output = new ArrayBufferWriter<byte>();

        // Act
        decoder.Decode(Encoding.ASCII.GetBytes(text), output);
        decoder.Complete();

        // Assert
        Assert.Equal(Payload, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Decode_ByteByByte_DecodesAll()
    {
        // Arrange
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(Payload[..4]) + Convert.ToBase64String(Payload[4..]));
        var decoder = new Base64RequestDecoder();
        var output = new ArrayBufferWriter<byte>();

        // Act
        foreach (var b in text)
        {
            decoder.Decode([b], output);
        }

        decoder.Complete();

        // Assert
        Assert.Equal(Payload, output.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task PumpAsync_ChunksFedByteByByteThroughPipe_DecodesAll()
    {
        // Arrange
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(Payload[..2]) + Convert.ToBase64String(Payload[2..]));
        var source = new Pipe();
        var destination = new Pipe();

        // Act
        var pump = Base64RequestDecoder.PumpAsync(source.Reader, destination.Writer, CancellationToken.None);
        foreach (var b in text)
        {
            await source.Writer.WriteAsync(new[] { b });
        }

        await source.Writer.CompleteAsync();
        await pump;
        var decoded = await ReadToEndAsync(destination.Reader);

        // Assert
        Assert.Equal(Payload, decoded);
    }

    [Fact]
    public async Task PumpAsync_BodyEndsMidQuantum_FailsReaderWithInternal()
    {
        // Arrange
        var source = new Pipe();
        var destination = new Pipe();
        await source.Writer.WriteAsync("AAAAAA"u8.ToArray());
        await source.Writer.CompleteAsync();

        // Act
        await Base64RequestDecoder.PumpAsync(source.Reader, destination.Writer, CancellationToken.None);
        var exception = await Assert.ThrowsAsync<RpcException>(() => ReadToEndAsync(destination.Reader));

        // Assert
        Assert.Equal(StatusCode.Internal, exception.StatusCode);
    }

    [Theory]
    [InlineData("AA=A")] // padding before data inside a quantum
    [InlineData("A===")]
    [InlineData("AAA*")]
    [InlineData("====")]
    public void Decode_InvalidQuantum_ThrowsInternal(string text)
    {
        // Arrange
        var decoder = new Base64RequestDecoder();

        // Act
        var exception = Assert.Throws<RpcException>(() => decoder.Decode(Encoding.ASCII.GetBytes(text), new ArrayBufferWriter<byte>()));

        // Assert
        Assert.Equal(StatusCode.Internal, exception.StatusCode);
    }

    private static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
