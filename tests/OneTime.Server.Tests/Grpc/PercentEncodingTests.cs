using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Hello", "Hello")]
    [InlineData("spaces and !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~ stay", "spaces and !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~ stay")]
    [InlineData("100%", "100%25")] // '%' itself is escaped
    [InlineData("a\r\nb", "a%0D%0Ab")] // control characters
    [InlineData("\u00e9", "%C3%A9")] // UTF-8 of é
    [InlineData("\u2713", "%E2%9C%93")] // UTF-8 of ✓
    [InlineData("\U0001F600", "%F0%9F%98%80")] // a surrogate pair
    [InlineData("\x7f", "%7F")] // DEL is outside %x20-%x7E
    public void Encode_SpecExamples_EncodesOnlyOutsidePrintableAscii(string message, string expected)
    {
        // Act
        var encoded = PercentEncoding.Encode(message);

        // Assert
        Assert.Equal(expected, encoded);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("100% sure \u00e9\u2713\U0001F600 \t\0 end")]
    [InlineData("%%%%")]
    [InlineData("%2")]
    public void EncodeThenDecode_AnyMessage_RoundTrips(string message)
    {
        // Act
        var decoded = PercentEncoding.Decode(PercentEncoding.Encode(message));

        // Assert
        Assert.Equal(message, decoded);
    }

    [Fact]
    public void EncodeThenDecode_LongMessage_RoundTrips()
    {
        // Arrange: past the decoder's stack buffer.
        var message = string.Concat(Enumerable.Repeat("é%x", 500));

        // Act
        var decoded = PercentEncoding.Decode(PercentEncoding.Encode(message));

        // Assert
        Assert.Equal(message, decoded);
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz", "%zz")]
    [InlineData("a%4g", "a%4g")]
    [InlineData("%41%4a", "AJ")] // hex digits are case-insensitive
    public void Decode_MalformedEscapes_KeepsThemAsIs(string encoded, string expected)
    {
        // Act
        var decoded = PercentEncoding.Decode(encoded);

        // Assert
        Assert.Equal(expected, decoded);
    }
}
