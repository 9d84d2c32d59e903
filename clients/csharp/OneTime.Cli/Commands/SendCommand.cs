using System.CommandLine;
using OneTime.Cli.Generators;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime send: encrypt locally, store the ciphertext, print only the link on stdout.
internal static class SendCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "Send this file (any type, byte for byte) instead of text." };
        var ttl = new Option<string?>("--ttl")
        {
            Description = "How long the secret waits unread: 30m, 1h, 7d... Default and range are the server's (7d, 1m to 30d unless configured).",
        };
        var views = new Option<int?>("--views")
        {
            Description = "How many times the link can be read, 1 (default) up to the server's limit (100 unless configured).",
        };
        var passphrase = CommonOptions.Passphrase(
            "Also require a passphrase, prompted twice without echo. When $ONETIME_PASSPHRASE is set, it is the passphrase, "
            + "with or without this option.");
        var generate = new Option<string?>("--generate")
        {
            Description = "Send a freshly generated secret instead: password[:LENGTH], passphrase[:WORDS] or apikey[:BYTES] "
                + "(e.g. passphrase:6), printing only the link; add --show-generated to see it once on stderr. "
                + "Bare --generate, as before: a 24-character password, shown once on stderr.",
            HelpName = "KIND[:SIZE]",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var showGenerated = new Option<bool>("--show-generated")
        {
            Description = "With --generate: also print the generated secret once on stderr (stdout stays the link alone).",
        };
        var host = CommonOptions.Host();
        var ca = CommonOptions.Ca();
        var to = SendToRequest.Option();
        var recipients = SendToRecipients.Option();
        var command = new Command("send", "Encrypt a secret (stdin, $ONETIME_SECRET or a prompt) and print its one-time link.")
        {
            file, ttl, views, passphrase, generate, showGenerated, host, ca, to, recipients,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var baseAddress = CommonOptions.ParseHost(parseResult.GetValue(host)!);
            var path = parseResult.GetValue(file);
            var generated = Generate(parseResult, generate, parseResult.GetValue(showGenerated), out var showIt);
            if (path is not null && generated is not null)
            {
                throw new UsageException("Use either --file or --generate, not both.");
            }

            var labels = parseResult.GetValue(recipients) is { } labelText ? SendToRecipients.Parse(labelText) : null;
            if (labels is not null && parseResult.GetValue(to) is not null)
            {
                throw new UsageException("Use either --to or --recipients, not both: a reply goes to the one requester.");
            }

            var request = parseResult.GetValue(to) is { } requestLink ? await SendToRequest.CheckAsync(requestLink, parseResult.GetValue(passphrase)) : null;

            var ttlText = parseResult.GetValue(ttl);
            var lifetime = ttlText is null ? (TimeSpan?)null : Ttl.Parse(ttlText);
            var viewCount = parseResult.GetValue(views);
            if (request is not null && viewCount is not null)
            {
                throw new UsageException("--views does not go with --to: a reply opens once, for the requester.");
            }

            if (viewCount < 1)
            {
                throw new UsageException($"Invalid --views {viewCount}: a secret is read at least once.");
            }

            var secret = path is not null
                ? OneTimeSecret.FromFile(await File.ReadAllBytesAsync(path.FullName, cancellationToken), path.Name)
                : generated is not null
                    ? OneTimeSecret.FromText(generated.Text)
                    : await SecretInput.ReadAsync(cancellationToken);

            if (request is not null)
            {
                return await SendToRequest.SendAsync(request, secret, showIt, lifetime, parseResult.GetValue(ca), cancellationToken);
            }

            // The server's range before the passphrase is asked for and anything is encrypted; the size is checked
            // once encrypted, still before uploading (OneTimeClient.SendAsync).
            var client = ClientFactory.Create(baseAddress, parseResult.GetValue(ca));
            var limits = await client.GetLimitsAsync(cancellationToken);
            var options = new SendOptions
            {
                Ttl = lifetime is { } given ? Ttl.CheckRange(ttlText!, given, limits) : null,
                Views = CheckViews(viewCount ?? 1, limits),
                Passphrase = Passphrases.ForSend(parseResult.GetValue(passphrase)),
            };

            if (labels is not null)
            {
                var status = await SendToRecipients.SendAsync(client, secret, labels, options, cancellationToken);
                await ShownGenerated.WriteAsync(showIt);
                return status;
            }

            var link = await client.SendAsync(secret, options, cancellationToken);
            await ShownGenerated.WriteAsync(showIt);

            await Console.Out.WriteLineAsync(link.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// The generated secret, if any; shown says whether it goes to stderr once sent. The bare flag always showed its
    /// password, in one line and nothing more, and still does.
    private static Generated? Generate(ParseResult parseResult, Option<string?> generate, bool showFlag, out ShownGenerated? shown)
    {
        shown = null;
        if (parseResult.GetResult(generate) is null)
        {
            return showFlag ? throw new UsageException("--show-generated goes with --generate.") : null;
        }

        var spec = parseResult.GetValue(generate);
        var generated = GenerateSpec.Generate(spec ?? GenerateSpec.Password);
        shown = showFlag || spec is null ? new ShownGenerated(generated, WithEntropy: spec is not null) : null;
        return generated;
    }

    private static int CheckViews(int views, ServiceLimits limits) =>
        views <= limits.MaxViews
            ? views
            : throw new UsageException(limits.MaxViews == 1
                ? $"Invalid --views {views}: this server allows only 1 view per secret."
                : $"Invalid --views {views}: this server allows 1 to {limits.MaxViews} views.");
}
