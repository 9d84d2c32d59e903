using System.CommandLine;
using OneTime.Cli.Terminal;

namespace OneTime.Cli.Commands;

/// onetime burn: destroy a secret unread (retrieve and discard, never decrypted).
internal static class BurnCommand
{
    public static Command Create()
    {
        var link = CommonOptions.Link();
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command("burn", "Destroy a secret without reading it (exit 3 when already gone).") { link, passphrase, ca };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = await LinkInput.ResolveAsync(parseResult.GetValue(link), cancellationToken);
            await ClientFactory.Create(trustedCa: parseResult.GetValue(ca)).BurnAsync(text, Passphrases.ForLink(text), cancellationToken);
            await Console.Error.WriteLineAsync("Burned: the link no longer works.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
