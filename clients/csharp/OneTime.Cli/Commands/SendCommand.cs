using System.CommandLine;
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
        var generate = new Option<bool>("--generate") { Description = "Send a freshly generated password and show it once on stderr." };
        var host = CommonOptions.Host();
        var ca = CommonOptions.Ca();
        var to = SendToRequest.Option();
        var recipients = SendToRecipients.Option();
        var command = new Command("send", "Encrypt a secret (stdin, $ONETIME_SECRET or a prompt) and print its one-time link.")
        {
            file, ttl, views, passphrase, generate, host, ca, to, recipients,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var baseAddress = CommonOptions.ParseHost(parseResult.GetValue(host)!);
            var path = parseResult.GetValue(file);
            var generated = parseResult.GetValue(generate);
            if (path is not null && generated)
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
                : generated
                    ? OneTimeSecret.FromText(PasswordGenerator.Generate(PasswordGenerator.DefaultLength, symbols: true))
                    : await SecretInput.ReadAsync(cancellationToken);

            if (request is not null)
            {
                return await SendToRequest.SendAsync(request, secret, generated, lifetime, parseResult.GetValue(ca), cancellationToken);
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
                return await SendToRecipients.SendAsync(client, secret, labels, options, cancellationToken);
            }

            var link = await client.SendAsync(secret, options, cancellationToken);
            if (generated)
            {
                await Console.Error.WriteLineAsync("Generated password (shown once): " + secret.Text);
            }

            await Console.Out.WriteLineAsync(link.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int CheckViews(int views, ServiceLimits limits) =>
        views <= limits.MaxViews
            ? views
            : throw new UsageException(limits.MaxViews == 1
                ? $"Invalid --views {views}: this server allows only 1 view per secret."
                : $"Invalid --views {views}: this server allows 1 to {limits.MaxViews} views.");
}
