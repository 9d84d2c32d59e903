using System.CommandLine;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime read: fetch once, decrypt, and write the secret exactly as sent (escaped when shown on a terminal).
internal static class ReadCommand
{
    public static Command Create()
    {
        var link = CommonOptions.Link();
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the secret to this new file (created mode 0600, never overwritten) instead of stdout. "
                + "The sender's file name is never used as a path.",
        };
        var raw = new Option<bool>("--raw")
        {
            Description = "Write the exact bytes to a terminal too; by default control characters are shown escaped there. "
                + "Pipes and files always get the exact bytes.",
        };
        var note = new Option<string?>("--note")
        {
            Description = "A note for the sender (up to 200 bytes), sealed into the read confirmation that the last view sends: "
                + "only the sender's client can open it. Refused before anything is read when too long.",
            HelpName = "TEXT",
        };
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command(
            "read",
            "Read a secret, taking one of its views; after the last one the link stops working and the sender is told (a read confirmation).")
        {
            link, output, raw, note, passphrase, ca,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = await LinkInput.ResolveAsync(parseResult.GetValue(link), cancellationToken);
            var client = ClientFactory.Create(trustedCa: parseResult.GetValue(ca));
            var options = new ReadOptions { Note = parseResult.GetValue(note) };
            options.Passphrase = await Passphrases.ForLinkAsync(text, client, cancellationToken);
            if (parseResult.GetValue(output) is not { } target)
            {
                var read = await client.ReadAsync(text, options, cancellationToken);
                await SecretOutput.WriteAsync(read, parseResult.GetValue(raw), cancellationToken);
                await SayAfterReadAsync(read, options);
                return ExitCodes.Ok;
            }

            // Created before the read: a secret that cannot be saved must not be consumed.
            var file = OutFile.Create(target);
            OneTimeSecret secret;
            try
            {
                secret = await client.ReadAsync(text, options, cancellationToken);
            }
            catch
            {
                OutFile.Discard(file);
                throw;
            }

            await using (file)
            {
                await file.WriteAsync(secret.Content, CancellationToken.None); // consumed now: finish the write
            }

            await SayAfterReadAsync(secret, options);
            return ExitCodes.Ok;
        });
        return command;
    }

    // Said on stderr, so stdout stays the secret alone: a multi-view link still works after this read; the last view
    // says whether the sender was told.
    private static async Task SayAfterReadAsync(OneTimeSecret secret, ReadOptions options)
    {
        if (secret.ViewsLeft is > 0 and var left)
        {
            await Console.Error.WriteLineAsync(left == 1 ? "onetime: the link can be read 1 more time." : $"onetime: the link can be read {left} more times.");
        }

        if (ReadConfirmationText.AfterRead(secret, !string.IsNullOrEmpty(options.Note)) is { } said)
        {
            await Console.Error.WriteLineAsync(said);
        }
    }
}
