using System.CommandLine;

namespace OneTime.Cli.Commands;

/// onetime gen: a random password from the OS CSPRNG, printed on stdout.
internal static class GenCommand
{
    public static Command Create()
    {
        var length = new Option<int>("--length")
        {
            Description = $"Number of characters ({PasswordGenerator.MinimumLength} to {PasswordGenerator.MaximumLength}).",
            DefaultValueFactory = _ => PasswordGenerator.DefaultLength,
        };
        var noSymbols = new Option<bool>("--no-symbols") { Description = "Letters and digits only." };
        var command = new Command("gen", "Generate a random password.") { length, noSymbols };

        command.SetAction(async parseResult =>
        {
            var password = PasswordGenerator.Generate(parseResult.GetValue(length), symbols: !parseResult.GetValue(noSymbols));
            await Console.Out.WriteLineAsync(password);
            return ExitCodes.Ok;
        });
        return command;
    }
}
