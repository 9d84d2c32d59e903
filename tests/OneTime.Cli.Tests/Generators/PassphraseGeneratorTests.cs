using System.Security.Cryptography;
using OneTime.Cli.Generators;

namespace OneTime.Cli.Tests.Generators;

public sealed class PassphraseGeneratorTests
{
    private const string ListSha256 = "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e"; // clients/wordlists/NOTICE.md

    [Fact]
    public void WordList_Embedded_IsTheEffLargeListByteForByte()
    {
        Assert.Equal(ListSha256, Convert.ToHexStringLower(SHA256.HashData(WordList.ReadBytes())));
        Assert.Equal(7776, WordList.Words.Count);
        Assert.Equal(("abacus", "zoom"), (WordList.Words[0], WordList.Words[^1]));
    }

    [Fact]
    public void Generate_Defaults_SixWordsFromTheList_77Bits()
    {
        var generated = PassphraseGenerator.Generate(PassphraseGenerator.DefaultWords);

        // Split on a separator no word holds (a few EFF words have a hyphen: t-shirt, yo-yo).
        var words = PassphraseGenerator.Generate(6, " ").Text.Split(' ');
        Assert.Equal(6, words.Length);
        Assert.All(words, word => Assert.Contains(word, WordList.Words));
        Assert.Equal(6 * Math.Log2(7776), generated.EntropyBits, 9);
        Assert.Equal("onetime: entropy 77.5 bits (6 words from a list of 7776)", generated.Describe());
    }

    [Theory]
    [InlineData(4, "+")]
    [InlineData(12, " ")]
    [InlineData(64, "::")]
    public void Generate_WordsAndSeparator_Honoured(int count, string separator)
    {
        var words = PassphraseGenerator.Generate(count, separator).Text.Split(separator);

        Assert.Equal(count, words.Length);
        Assert.All(words, word => Assert.Contains(word, WordList.Words));
    }

    [Fact]
    public void Generate_PicksIndexesFromTheRandomSource()
    {
        var next = 0;
        var random = new UniformRandom(bytes => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)next++));

        Assert.Equal("abacus-abdomen-abdominal-abide", PassphraseGenerator.Generate(4, random: random).Text);
    }

    [Theory]
    [InlineData(3, "-", "--words must be between 4 and 64.")]
    [InlineData(65, "-", "--words must be between 4 and 64.")]
    [InlineData(6, "", "--separator must be 1 to 16 printable characters.")]
    [InlineData(6, "\n", "--separator must be 1 to 16 printable characters.")]
    [InlineData(6, "12345678901234567", "--separator must be 1 to 16 printable characters.")]
    public void Generate_OutOfRange_UsageError(int words, string separator, string message)
    {
        Assert.Equal(message, Assert.Throws<UsageException>(() => PassphraseGenerator.Generate(words, separator)).Message);
    }
}
