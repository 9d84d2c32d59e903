using System.CommandLine;
using OneTime.Cli.Generators;

namespace OneTime.Cli.Commands;

/// onetime gen [password|passphrase|apikey]: a secret from the OS CSPRNG on stdout, its entropy on stderr. Plain
/// `gen` (with --length, --no-symbols) is `gen password`, as it always was.
internal static class GenCommand
{
    public static Command Create()
    {
        var (length, noSymbols) = (Length(), NoSymbols());
        var command = new Command("gen", "Generate a random password (or a passphrase, or an API key: see the subcommands).")
        {
            length, noSymbols, Password(), Passphrase(), ApiKey(),
        };
        command.SetAction(parseResult =>
            WriteAsync(PasswordGenerator.Generate(parseResult.GetValue(length), symbols: !parseResult.GetValue(noSymbols))));
        return command;
    }

    private static Command Password()
    {
        var (length, noSymbols) = (Length(), NoSymbols());
        var noDigits = new Option<bool>("--no-digits") { Description = "Leave out digits." };
        var noUpper = new Option<bool>("--no-upper") { Description = "Leave out upper-case letters." };
        var noLower = new Option<bool>("--no-lower") { Description = "Leave out lower-case letters." };
        var command = new Command(GenerateSpec.Password, "A password: each character picked uniformly from upper, lower, digits and symbols.")
        {
            length, noSymbols, noDigits, noUpper, noLower,
        };
        command.SetAction(parseResult => WriteAsync(PasswordGenerator.Generate(
            parseResult.GetValue(length),
            new PasswordClasses(!parseResult.GetValue(noUpper), !parseResult.GetValue(noLower), !parseResult.GetValue(noDigits), !parseResult.GetValue(noSymbols)))));
        return command;
    }

    private static Command Passphrase()
    {
        var words = new Option<int>("--words")
        {
            Description = $"Number of words ({PassphraseGenerator.MinimumWords} to {PassphraseGenerator.MaximumWords}), 12.9 bits each.",
            DefaultValueFactory = _ => PassphraseGenerator.DefaultWords,
        };
        var separator = new Option<string>("--separator")
        {
            Description = "What goes between words (1 to 16 printable characters).",
            DefaultValueFactory = _ => PassphraseGenerator.DefaultSeparator,
        };
        var command = new Command(GenerateSpec.Passphrase, "A passphrase: words picked uniformly from the EFF large word list (12.9 bits each).")
        {
            words, separator,
        };
        command.SetAction(parseResult => WriteAsync(PassphraseGenerator.Generate(parseResult.GetValue(words), parseResult.GetValue(separator)!)));
        return command;
    }

    private static Command ApiKey()
    {
        var bytes = new Option<int>("--bytes")
        {
            Description = $"Number of random bytes ({ApiKeyGenerator.MinimumBytes} to {ApiKeyGenerator.MaximumBytes}), 8 bits each.",
            DefaultValueFactory = _ => ApiKeyGenerator.DefaultBytes,
        };
        var hex = new Option<bool>("--hex") { Description = "Write it in lower-case hex instead of base64url." };
        var command = new Command(GenerateSpec.ApiKey, "An API key: random bytes, base64url without padding (or hex).") { bytes, hex };
        command.SetAction(parseResult => WriteAsync(ApiKeyGenerator.Generate(parseResult.GetValue(bytes), parseResult.GetValue(hex))));
        return command;
    }

    private static Option<int> Length() => new("--length")
    {
        Description = $"Number of characters ({PasswordGenerator.MinimumLength} to {PasswordGenerator.MaximumLength}).",
        DefaultValueFactory = _ => PasswordGenerator.DefaultLength,
    };

    private static Option<bool> NoSymbols() => new("--no-symbols") { Description = "Leave out symbols: letters and digits only." };

    // The secret alone on stdout, for `$(onetime gen ...)`; how it was made on stderr.
    private static async Task<int> WriteAsync(Generated generated)
    {
        await Console.Out.WriteLineAsync(generated.Text);
        await Console.Error.WriteLineAsync(generated.Describe());
        return ExitCodes.Ok;
    }
}
