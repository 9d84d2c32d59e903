using System.CommandLine;
using OneTime.Cli.Terminal;

namespace OneTime.Cli.Commands;

/// onetime burn: delete a secret now, whatever views it has left, without reading it (the Burn call).
internal static class BurnCommand
{
    public static Command Create()
    {
        var link = CommonOptions.Link();
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command("burn", "Destroy a secret now, whatever views it has left, without reading it (exit 3 when already gone).")
        {
            link, passphrase, ca,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = await LinkInput.ResolveAsync(parseResult.GetValue(link), cancellationToken);
            var client = ClientFactory.Create(trustedCa: parseResult.GetValue(ca));
            await client.BurnAsync(text, await Passphrases.ForLinkAsync(text, client, cancellationToken), cancellationToken);
            await Console.Error.WriteLineAsync("Burned: the link no longer works.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
