using System.CommandLine;
using OneTime.Cli.Terminal;

namespace OneTime.Cli.Commands;

/// onetime burn: delete a secret now, whatever views it has left, without reading it (the Burn call). Several links
/// (or --links FILE from send --recipients, --only to pick labels) get one labelled line each (ManyLinks).
internal static class BurnCommand
{
    public static Command Create()
    {
        var links = LinkList.Arguments();
        var list = LinkList.Option();
        var only = new Option<string?>("--only")
        {
            Description = "With --links: burn only the recipients with these labels (comma-separated), e.g. --only bob,carol.",
            HelpName = "LABELS",
        };
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command(
            "burn",
            "Destroy a secret now, whatever views it has left, without reading it (exit 3 when already gone). With several links "
            + "or --links: one 'label<TAB>burned' line each; exit 3 when any was already gone.")
        {
            links, list, only, passphrase, ca,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = ClientFactory.Create(trustedCa: parseResult.GetValue(ca));
            var arguments = parseResult.GetValue(links) ?? [];
            var chosen = parseResult.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (await LinkList.ResolveAsync(arguments, parseResult.GetValue(list), cancellationToken) is { } many)
            {
                return await ManyLinks.BurnAsync(many, chosen, client, cancellationToken);
            }

            if (chosen is not null)
            {
                throw new UsageException("--only picks labels among several links: use it with --links FILE.");
            }

            var text = await LinkInput.ResolveAsync(arguments.SingleOrDefault(), cancellationToken);
            await client.BurnAsync(text, await Passphrases.ForLinkAsync(text, client, cancellationToken), cancellationToken);
            await Console.Error.WriteLineAsync("Burned: the link no longer works.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
