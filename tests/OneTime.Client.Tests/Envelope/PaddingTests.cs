using OneTime.Client.Internal.Envelope;

namespace OneTime.Client.Tests.Envelope;

public sealed class PaddingTests
{
    [Theory]
    [InlineData(0, 256)]
    [InlineData(252, 256)]
    [InlineData(253, 512)]
    [InlineData(65_532, 65_536)]
    [InlineData(65_533, 131_072)]
    [InlineData(200_000, 262_144)]
    [InlineData(983_036, 983_040)]
    public void BucketSize_PayloadLength_RoundsUpToBucket(int length, int bucket)
    {
        Assert.Equal(bucket, Padding.BucketSize(length));
    }

    [Fact]
    public void Pad_ThenUnpad_ReturnsPayload()
    {
        byte[] payload = [1, 2, 3];

        var padded = Padding.Pad(payload);

        Assert.Equal(256, padded.Length);
        Assert.Equal(new byte[] { 0, 0, 0, 3, 1, 2, 3 }, padded[..7]); // length = 3, then the payload
        Assert.True(Padding.TryUnpad(padded, out var unpadded));
        Assert.Equal(payload, unpadded.ToArray());
    }

    [Fact]
    public void TryUnpad_NonZeroPadding_Fails()
    {
        var padded = Padding.Pad([1]);
        padded[^1] = 1;

        Assert.False(Padding.TryUnpad(padded, out _));
    }

    [Fact]
    public void Seal_SixAndFortyCharTexts_SameCiphertextLength()
    {
        var a = SecretCodec.Seal(OneTimeSecret.FromText("abc123"), null).Blob;
        var b = SecretCodec.Seal(OneTimeSecret.FromText(new string('x', 40)), null).Blob;

        Assert.Equal(a.Length, b.Length);
    }
}
