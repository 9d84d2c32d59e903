using OneTime.Client.Internal.Grpc;
using OneTime.V1;

namespace OneTime.Client.Tests.Grpc;

public sealed class GrpcFrameTests
{
    [Fact]
    public void Write_Message_PrefixesFlagsAndBigEndianLength()
    {
        var frame = GrpcFrame.Write(new ExistsRequest { Id = "ab" });

        Assert.Equal(
            new byte[]
            {
                0x00,                   // compression = 0
                0x00, 0x00, 0x00, 0x04, // length = 4
                0x0a, 0x02, 0x61, 0x62, // field 1 (id), length 2, "ab"
            },
            frame);
    }

    [Fact]
    public void TryRead_PartialFrame_ReturnsFalseUntilComplete()
    {
        ReadOnlySpan<byte> partial = [0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x02];
        Assert.False(GrpcFrame.TryRead(ref partial, out _, out _));
        Assert.Equal(7, partial.Length);

        ReadOnlySpan<byte> whole = [0x80, 0x00, 0x00, 0x00, 0x01, 0x41, 0x00];
        Assert.True(GrpcFrame.TryRead(ref whole, out var flags, out var message));
        Assert.Equal(0x80, flags);
        Assert.Equal(new byte[] { 0x41 }, message.ToArray());
        Assert.Equal(1, whole.Length);
    }

    [Fact]
    public void Parse_TrailerBlock_ReadsLowerCasedLines()
    {
        var trailers = GrpcWebTrailers.Parse("grpc-status: 5\r\ngrpc-message: not%20found\r\n"u8);

        Assert.Equal("5", trailers["grpc-status"]);
        Assert.Equal("not%20found", trailers["GRPC-MESSAGE"]);
    }

    [Theory]
    [InlineData(30_000, "30000m")]
    [InlineData(0.2, "1m")]
    [InlineData(200_000_000, "200000S")]
    public void Format_Timeout_UsesAtMostEightDigits(double milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
