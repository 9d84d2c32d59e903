using System.CommandLine;
using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime send --to REQUEST_LINK: the secret is encrypted to the requester's key. What is asked and the
/// fingerprint go to stderr before the secret is read, so the sender can compare before typing anything; the reply
/// link goes to stdout. The request's own server stores it, whatever --host says.
internal static class SendToRequest
{
    public static Option<string?> Option() => new("--to")
    {
        Description = "Answer a request: encrypt to the key in this request link (only the requester can open the reply) and "
            + "print the reply link. Shows the request's fingerprint to compare with the requester first.",
        HelpName = "REQUEST_LINK",
    };

    /// Checks the link (and refuses a passphrase: the requester's key protects a reply) before anything is read.
    public static async Task<SecretRequest> CheckAsync(string requestLink, bool passphraseFlag)
    {
        if (passphraseFlag)
        {
            throw new UsageException("--passphrase does not apply to --to: only the requester's key opens a reply.");
        }

        var request = OneTimeClient.ParseRequest(requestLink.Trim());
        await Console.Error.WriteLineAsync(
            (request.Note is { } note ? $"Asked for: {TerminalText.Shown(note)}\n" : "")
            + $"Fingerprint: {request.Fingerprint}\n"
            + "Compare it with the one the requester reads out to you over another channel (a call); send only if they match.");
        return request;
    }

    public static async Task<int> SendAsync(
        SecretRequest request, OneTimeSecret secret, ShownGenerated? shown, TimeSpan? ttl, FileInfo? trustedCa, CancellationToken cancellationToken)
    {
        var client = ClientFactory.Create(trustedCa: trustedCa);
        var reply = await client.ReplyAsync(request.ToString(), secret, ttl, cancellationToken);
        await ShownGenerated.WriteAsync(shown);

        await Console.Error.WriteLineAsync("Send this reply link back to the requester. Only their key opens it, once; you cannot.");
        await Console.Out.WriteLineAsync(reply.ToString());
        return ExitCodes.Ok;
    }
}
