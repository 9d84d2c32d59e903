using System.CommandLine;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime status: waiting (views left, expiry), read at … (confirmed or not, the reader's note), or gone; without
/// taking a view. Several links (or --links FILE from send --recipients) get one labelled line each (ManyLinks).
internal static class StatusCommand
{
    public static Command Create()
    {
        var links = LinkList.Arguments();
        var list = LinkList.Option();
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command(
            "status",
            "Tell whether a secret is waiting (views left, expiry), was read (when, and whether the reader's client confirmed it, "
            + "with its note), or is gone, without reading it. Exit 0 while it can be read, 3 once read or gone. "
            + "With several links or --links: one 'label<TAB>status' line each; exit 0 only while every one can be read.")
        {
            links, list, passphrase, ca,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = ClientFactory.Create(trustedCa: parseResult.GetValue(ca));
            var arguments = parseResult.GetValue(links) ?? [];
            if (await LinkList.ResolveAsync(arguments, parseResult.GetValue(list), cancellationToken) is { } many)
            {
                return await ManyLinks.StatusAsync(many, client, cancellationToken);
            }

            var text = await LinkInput.ResolveAsync(arguments.SingleOrDefault(), cancellationToken);
            var status = await client.ExistsAsync(text, await Passphrases.ForLinkAsync(text, client, cancellationToken), cancellationToken);
            switch (status.State)
            {
                case SecretState.Waiting:
                    await Console.Out.WriteLineAsync(StatusText.Waiting(status));
                    return ExitCodes.Ok;
                case SecretState.Read:
                    // Not an error, but no longer readable: the same exit code as gone, so `status && …` means "still there".
                    var (read, note) = StatusText.Read(status);
                    await Console.Out.WriteLineAsync(note is null ? read : $"{read}\nnote: {note}");
                    return ExitCodes.NotFound;
                default:
                    throw new SecretNotFoundException("Gone: expired, burned, read, or the link or passphrase is wrong.");
            }
        });
        return command;
    }
}
