using System.Buffers;
using Google.Protobuf;
using OneTime.Server.Grpc;
using OneTime.Server.Grpc.Internal;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

public sealed class FrameWriterTests
{
    [Fact]
    public void WriteMessage_Message_WritesPrefixThenSerializedBytes()
    {
        // Arrange
        var writer = new ArrayBufferWriter<byte>();
        var message = new StoreResponse { Id = "ab" };

        // Act
        FrameWriter.WriteMessage(writer, message);

        // Assert
        byte[] expected =
        [
            0x00, // compression = 0
            0x00, 0x00, 0x00, 0x04, // length = 4
            0x0A, 0x02, (byte)'a', (byte)'b', // field 1, length 2, "ab"
        ];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteMessage_EmptyMessage_WritesZeroLength()
    {
        // Arrange
        var writer = new ArrayBufferWriter<byte>();

        // Act
        FrameWriter.WriteMessage(writer, new StoreResponse());

        // Assert
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteWebTrailers_StatusAndMessage_WritesHeaderBlockFlagged0x80()
    {
        // Arrange
        var writer = new ArrayBufferWriter<byte>();

        // Act
        FrameWriter.WriteWebTrailers(writer, StatusCode.NotFound, "gone%21");

        // Assert
        var block = "grpc-status:5\r\ngrpc-message:gone%21\r\n"u8.ToArray();
        byte[] expected = [0x80, 0x00, 0x00, 0x00, (byte)block.Length, .. block];
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteWebTrailers_OkWithoutMessage_WritesStatusOnly()
    {
        // Arrange
        var writer = new ArrayBufferWriter<byte>();

        // Act
        FrameWriter.WriteWebTrailers(writer, StatusCode.OK, null);

        // Assert
        Assert.Equal([0x80, 0, 0, 0, 15, .. "grpc-status:0\r\n"u8], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteMessage_ThenParse_RoundTrips()
    {
        // Arrange
        var writer = new ArrayBufferWriter<byte>();
        var message = new RetrieveResponse { Ciphertext = ByteString.CopyFrom(new byte[300]) };

        // Act
        FrameWriter.WriteMessage(writer, message);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        var read = FrameReader.TryReadMessage(ref buffer, 1024, out _, out var payload);

        // Assert
        Assert.True(read);
        Assert.Equal(message, RetrieveResponse.Parser.ParseFrom(payload));
    }
}
