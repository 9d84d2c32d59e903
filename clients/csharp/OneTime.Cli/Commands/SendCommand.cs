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
        var ttl = new Option<string>("--ttl")
        {
            Description = "How long the secret waits unread: 30m, 1h, 7d... (1m to 30d).",
            DefaultValueFactory = _ => Ttl.Default,
        };
        var passphrase = CommonOptions.Passphrase(
            "Also require a passphrase, prompted twice without echo. When $ONETIME_PASSPHRASE is set, it is the passphrase, "
            + "with or without this option.");
        var generate = new Option<bool>("--generate") { Description = "Send a freshly generated password and show it once on stderr." };
        var host = CommonOptions.Host();
        var ca = CommonOptions.Ca();
        var to = SendToRequest.Option();
        var command = new Command("send", "Encrypt a secret (stdin, $ONETIME_SECRET or a prompt) and print its one-time link.")
        {
            file, ttl, passphrase, generate, host, ca, to,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var baseAddress = CommonOptions.ParseHost(parseResult.GetValue(host)!);
            var lifetime = Ttl.Parse(parseResult.GetValue(ttl)!);
            var path = parseResult.GetValue(file);
            var generated = parseResult.GetValue(generate);
            if (path is not null && generated)
            {
                throw new UsageException("Use either --file or --generate, not both.");
            }

            var request = parseResult.GetValue(to) is { } requestLink ? await SendToRequest.CheckAsync(requestLink, parseResult.GetValue(passphrase)) : null;

            var secret = path is not null
                ? OneTimeSecret.FromFile(await File.ReadAllBytesAsync(path.FullName, cancellationToken), path.Name)
                : generated
                    ? OneTimeSecret.FromText(PasswordGenerator.Generate(PasswordGenerator.DefaultLength, symbols: true))
                    : await SecretInput.ReadAsync(cancellationToken);
            if (request is not null)
            {
                return await SendToRequest.SendAsync(request, secret, generated, lifetime, parseResult.GetValue(ca), cancellationToken);
            }

            var phrase = Passphrases.ForSend(parseResult.GetValue(passphrase));

            var link = await ClientFactory.Create(baseAddress, parseResult.GetValue(ca)).SendAsync(secret, lifetime, phrase, cancellationToken);
            if (generated)
            {
                await Console.Error.WriteLineAsync("Generated password (shown once): " + secret.Text);
            }

            await Console.Out.WriteLineAsync(link.ToString());
            return ExitCodes.Ok;
        });
        return command;
    }
}
