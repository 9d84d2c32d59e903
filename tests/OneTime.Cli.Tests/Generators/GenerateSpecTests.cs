using OneTime.Cli.Generators;

namespace OneTime.Cli.Tests.Generators;

public sealed class GenerateSpecTests
{
    [Theory]
    [InlineData("password", "password", 24)]
    [InlineData("password:40", "password", 40)]
    [InlineData("passphrase", "passphrase", 6)]
    [InlineData("passphrase:8", "passphrase", 8)]
    [InlineData("apikey", "API key", 32)]
    [InlineData("apikey:64", "API key", 64)]
    public void Generate_KindAndSize(string spec, string kind, int size)
    {
        var generated = GenerateSpec.Generate(spec);

        Assert.Equal(kind, generated.Kind);
        Assert.Equal(size, kind switch
        {
            "password" => generated.Text.Length,
            "passphrase" => (int)Math.Round(generated.EntropyBits / Math.Log2(7776)),
            _ => (int)generated.EntropyBits / 8,
        });
    }

    [Theory]
    [InlineData("pin")]
    [InlineData("password:")]
    [InlineData("password:-3")]
    [InlineData("password:ten")]
    [InlineData("Password:24")]
    [InlineData("password:4")] // below the password minimum
    public void Generate_Invalid_UsageError(string spec)
    {
        Assert.Throws<UsageException>(() => GenerateSpec.Generate(spec));
    }
}
