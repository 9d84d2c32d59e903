using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, TimeSpan> ValidTimeouts => new()
    {
        { "1H", TimeSpan.FromHours(1) },
        { "2M", TimeSpan.FromMinutes(2) },
        { "30S", TimeSpan.FromSeconds(30) },
        { "100m", TimeSpan.FromMilliseconds(100) },
        { "250u", TimeSpan.FromMicroseconds(250) },
        { "1000n", TimeSpan.FromTicks(10) },
        { "1n", TimeSpan.FromTicks(1) }, // rounded up, never zero
        { "0S", TimeSpan.Zero },
        { "00000001S", TimeSpan.FromSeconds(1) },
        { "99999999H", TimeSpan.FromHours(99_999_999) }, // the largest value fits a TimeSpan
        { "99999999n", TimeSpan.FromTicks(1_000_000) },
    };

    [Theory]
    [MemberData(nameof(ValidTimeouts))]
    public void TryParse_ValidValue_ReturnsTimeout(string value, TimeSpan expected)
    {
        // Act
        var parsed = GrpcTimeout.TryParse(value, out var timeout);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("1")]
    [InlineData("10")]
    [InlineData("123456789S")] // nine digits
    [InlineData("999999999999999999999H")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData(" 1S")]
    [InlineData("1S ")]
    [InlineData("1 S")]
    [InlineData("1s")] // units are case-sensitive
    [InlineData("1h")]
    [InlineData("1x")]
    [InlineData("1.5S")]
    [InlineData("1e3m")]
    [InlineData("0x10S")]
    [InlineData("１S")] // a full-width digit
    [InlineData("١S")] // an Arabic-Indic digit
    [InlineData("1SS")]
    [InlineData("S1")]
    [InlineData("\0S")]
    public void TryParse_Junk_ReturnsFalse(string value)
    {
        // Act
        var parsed = GrpcTimeout.TryParse(value, out _);

        // Assert
        Assert.False(parsed);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        // Arrange
        var random = new Random(1234);
        var alphabet = "0123456789HMSmun -+.xé\0".ToCharArray();

        for (var i = 0; i < 10_000; i++)
        {
            var value = new string(random.GetItems(alphabet, random.Next(0, 12)));

            // Act
            var parsed = GrpcTimeout.TryParse(value, out var timeout);

            // Assert
            Assert.True(!parsed || timeout >= TimeSpan.Zero, value);
        }
    }
}
