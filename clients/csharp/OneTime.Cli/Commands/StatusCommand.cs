using System.CommandLine;
using System.Globalization;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime status: whether a link can still be read, without reading it.
internal static class StatusCommand
{
    public static Command Create()
    {
        var link = CommonOptions.Link();
        var passphrase = CommonOptions.Passphrase("Accepted for symmetry: a passphrase is asked for whenever the link requires one.");
        var ca = CommonOptions.Ca();
        var command = new Command("status", "Tell whether a secret is still unread and when it expires (exit 3 when gone).") { link, passphrase, ca };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = await LinkInput.ResolveAsync(parseResult.GetValue(link), cancellationToken);
            var status = await ClientFactory.Create(trustedCa: parseResult.GetValue(ca)).ExistsAsync(text, Passphrases.ForLink(text), cancellationToken);
            if (!status.Exists)
            {
                throw new SecretNotFoundException("Gone: already read, expired, or the link or passphrase is wrong.");
            }

            var expires = status.ExpiresAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "unknown";
            await Console.Out.WriteLineAsync("unread, expires " + expires);
            return ExitCodes.Ok;
        });
        return command;
    }
}
