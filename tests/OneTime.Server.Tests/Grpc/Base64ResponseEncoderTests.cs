using System.Buffers;
using System.Text;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class Base64ResponseEncoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Encode_WritesOfAnySize_ProduceOneTextPaddedAtTheEnd(int totalLength)
    {
        // Arrange
        var bytes = Enumerable.Range(1, totalLength).Select(i => (byte)i).ToArray();
        var encoder = new Base64ResponseEncoder();
        var output = new ArrayBufferWriter<byte>();

        // Act: one byte per write, the worst case for carrying.
        foreach (var b in bytes)
        {
            encoder.Encode([b], output);
        }

        encoder.Complete(output);

        // Assert
        Assert.Equal(Convert.ToBase64String(bytes), Encoding.ASCII.GetString(output.WrittenSpan));
    }
}
