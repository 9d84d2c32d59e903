using System.CommandLine;
using OneTime.Cli.Commands;

namespace OneTime.Cli;

/// Builds the command tree and runs it; parse errors and failures each become one line on stderr and an exit code.
internal static class OnetimeCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Share secrets as one-time links. Encrypts locally: the server only ever sees ciphertext.")
        {
            SendCommand.Create(),
            ReadCommand.Create(),
            StatusCommand.Create(),
            BurnCommand.Create(),
            GenCommand.Create(),
            RequestCommand.Create(),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"onetime: {parseResult.Errors[0].Message} (see 'onetime --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, Console.Error);
        }
    }
}
