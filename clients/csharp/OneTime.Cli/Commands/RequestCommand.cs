using System.CommandLine;
using System.Globalization;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime request: make a key pair, keep the private key here, print the request link on stdout and the
/// fingerprint (with how to compare it) on stderr. Also lists and forgets kept requests.
internal static class RequestCommand
{
    public static Command Create()
    {
        var note = new Option<string?>("--note")
        {
            Description = "What you ask for (\"the staging database password\"), up to 200 bytes. It travels in the link, unencrypted.",
        };
        var list = new Option<bool>("--list") { Description = "List the requests whose keys are kept here (key id, date, fingerprint, note)." };
        var forget = new Option<string?>("--forget")
        {
            Description = "Delete the key of request KEY_ID: replies to it can then no longer be opened.",
            HelpName = "KEY_ID",
        };
        var host = CommonOptions.Host();
        host.Aliases.Add("--server");
        var command = new Command(
            "request",
            "Ask someone for a secret: print a request link to send them. Their reply opens only here, with a key kept in "
            + "~/.config/onetime/requests for 30 days.")
        {
            note, list, forget, host,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var keyId = parseResult.GetValue(forget);
            var listing = parseResult.GetValue(list);
            var noteText = parseResult.GetValue(note);
            if ((keyId is not null ? 1 : 0) + (listing ? 1 : 0) + (noteText is not null ? 1 : 0) > 1)
            {
                throw new UsageException("Use one of --note, --list and --forget.");
            }

            var client = ClientFactory.Create(CommonOptions.ParseHost(parseResult.GetValue(host)!));
            if (keyId is not null)
            {
                return await ForgetAsync(client, keyId);
            }

            if (listing)
            {
                return await ListAsync(client);
            }

            var request = client.CreateRequest(noteText);
            await Console.Out.WriteLineAsync(request.ToString());
            await Console.Error.WriteLineAsync(
                $"Fingerprint: {request.Fingerprint}\n"
                + "Read it out to the sender over another channel than the one carrying the link (a call, a video meeting): "
                + "`onetime send --to` and the web page show them the fingerprint of the link they received. If the two differ, "
                + "the link was swapped on its way: they must not send.\n"
                + $"The key that opens the reply is kept here for 30 days as {request.KeyId} (onetime request --forget {request.KeyId}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ForgetAsync(OneTimeClient client, string keyId)
    {
        if (!client.ForgetRequest(keyId))
        {
            await Console.Error.WriteLineAsync($"onetime: no request {TerminalText.Shown(keyId)} is kept here (see onetime request --list).");
            return ExitCodes.KeyNotHere;
        }

        await Console.Error.WriteLineAsync($"Forgot request {keyId}: its replies can no longer be opened.");
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(OneTimeClient client)
    {
        foreach (var request in client.ListRequests())
        {
            var made = request.CreatedAt!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await Console.Out.WriteLineAsync($"{request.KeyId}  {made}  {request.Fingerprint}  {TerminalText.Shown(request.Note ?? "")}");
        }

        return ExitCodes.Ok;
    }
}
