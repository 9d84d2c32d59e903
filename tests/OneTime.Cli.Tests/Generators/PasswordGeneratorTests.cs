using OneTime.Cli.Generators;

namespace OneTime.Cli.Tests.Generators;

public sealed class PasswordGeneratorTests
{
    [Fact]
    public void Generate_Defaults_24CharactersFromAll90_EntropyLengthTimesLog2()
    {
        var generated = PasswordGenerator.Generate(PasswordGenerator.DefaultLength, new PasswordClasses());

        Assert.Equal(24, generated.Text.Length);
        Assert.All(generated.Text, c => Assert.Contains(c, new PasswordClasses().Alphabet()));
        Assert.Equal(90, new PasswordClasses().Alphabet().Length);
        Assert.Equal(24 * Math.Log2(90), generated.EntropyBits, 9);
        Assert.Equal("onetime: entropy 155.8 bits (24 characters from a set of 90)", generated.Describe());
        Assert.Equal("password", generated.ToString()); // never the secret
    }

    [Theory]
    [InlineData(false, true, true, true, 64)]
    [InlineData(true, false, true, true, 64)]
    [InlineData(true, true, false, true, 80)]
    [InlineData(true, true, true, false, 62)]
    [InlineData(false, false, true, false, 10)]
    public void Generate_ClassesTurnedOff_NeverAppear(bool upper, bool lower, bool digits, bool symbols, int setSize)
    {
        var classes = new PasswordClasses(upper, lower, digits, symbols);

        var text = string.Concat(Enumerable.Range(0, 20).Select(_ => PasswordGenerator.Generate(64, classes).Text));

        Assert.Equal(setSize, classes.Alphabet().Length);
        Assert.Equal(upper, text.Any(char.IsAsciiLetterUpper));
        Assert.Equal(lower, text.Any(char.IsAsciiLetterLower));
        Assert.Equal(digits, text.Any(char.IsAsciiDigit));
        Assert.Equal(symbols, text.Any(c => PasswordGenerator.Symbols.Contains(c)));
        Assert.Equal(64 * Math.Log2(setSize), PasswordGenerator.Generate(64, classes).EntropyBits, 9);
    }

    [Fact]
    public void Generate_SymbolsPasteUnquoted_NoQuotesBackslashBacktickOrSpace()
    {
        Assert.DoesNotContain(PasswordGenerator.Symbols, c => c is '"' or '\'' or '\\' or '`' or ' ');
    }

    [Fact]
    public void Generate_NoClassLeft_UsageError()
    {
        Assert.Throws<UsageException>(() => PasswordGenerator.Generate(24, new PasswordClasses(false, false, false, false)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1025)]
    public void Generate_LengthOutOfRange_UsageError(int length)
    {
        var error = Assert.Throws<UsageException>(() => PasswordGenerator.Generate(length, symbols: true));

        Assert.Equal("--length must be between 8 and 1024.", error.Message);
    }

    [Fact]
    public void Generate_OldSignature_SymbolsOffIsLettersAndDigits()
    {
        var generated = PasswordGenerator.Generate(40, symbols: false);

        Assert.All(generated.Text, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(40 * Math.Log2(62), generated.EntropyBits, 9);
    }
}
