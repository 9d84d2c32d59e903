using System.Buffers.Text;
using OneTime.Cli.Generators;

namespace OneTime.Cli.Tests.Generators;

public sealed class ApiKeyGeneratorTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1024)]
    public void Generate_Base64Url_DecodesBackToNBytes_8BitsEach(int bytes)
    {
        var generated = ApiKeyGenerator.Generate(bytes, hex: false);

        Assert.Equal(bytes, Base64Url.DecodeFromChars(generated.Text).Length);
        Assert.DoesNotContain('=', generated.Text);
        Assert.Equal(bytes * 8, generated.EntropyBits);
    }

    [Fact]
    public void Generate_Hex_LowerCase_DecodesBackToNBytes()
    {
        var generated = ApiKeyGenerator.Generate(20, hex: true);

        Assert.Matches("^[0-9a-f]{40}$", generated.Text);
        Assert.Equal(20, Convert.FromHexString(generated.Text).Length);
        Assert.Equal("onetime: entropy 160 bits (20 random bytes, hex)", generated.Describe());
    }

    [Fact]
    public void Generate_WritesTheSourcesBytes()
    {
        var generated = ApiKeyGenerator.Generate(16, hex: true, fill: bytes => bytes.Fill(0xab));

        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 16)), generated.Text);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(1025)]
    public void Generate_OutOfRange_UsageError(int bytes)
    {
        Assert.Equal("--bytes must be between 16 and 1024.", Assert.Throws<UsageException>(() => ApiKeyGenerator.Generate(bytes, hex: false)).Message);
    }
}
