using System.CommandLine;
using OneTime.Cli.Terminal;

namespace OneTime.Cli.Commands;

/// onetime read: fetch once, decrypt, and write the secret exactly as sent.
internal static class ReadCommand
{
    public static Command Create()
    {
        var link = CommonOptions.Link();
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the secret to this new file instead of stdout (the sender's file name is never used as a path).",
        };
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var command = new Command("read", "Read a secret once; the link stops working.") { link, output, passphrase };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(link)!;
            var target = parseResult.GetValue(output);

            // Checked before reading: a secret read into a failed write would be gone for good.
            if (target is not null && (target.Exists || !(target.Directory?.Exists ?? false)))
            {
                throw new UsageException($"--out: '{target.FullName}' already exists or its directory does not.");
            }

            var phrase = Passphrases.ForLink(text);
            var secret = await ClientFactory.Create().ReadAsync(text, phrase, cancellationToken);
            if (target is not null)
            {
                await using var file = new FileStream(target.FullName, FileMode.CreateNew, FileAccess.Write);
                await file.WriteAsync(secret.Content, cancellationToken);
                return ExitCodes.Ok;
            }

            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(secret.Content, cancellationToken);

            // A newline only for people at a terminal: piped output stays byte-exact.
            if (!secret.IsFile && !Console.IsOutputRedirected && !secret.Text!.EndsWith('\n'))
            {
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
