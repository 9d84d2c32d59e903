using System.CommandLine;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// onetime send --recipients alice,bob,carol: one independent secret per recipient (OneTimeClient.SendToRecipientsAsync),
/// printed as one "label<TAB>link" line each on stdout, the form status and burn read back with --links. The labels
/// never leave this machine. All or nothing: when a store fails part way, those already stored are burned and no link
/// is printed.
internal static class SendToRecipients
{
    public static Option<string?> Option() => new("--recipients")
    {
        Description = "Make one secret per recipient (2 to 20 comma-separated labels, each up to 40 characters), each with its own "
            + "link, and print 'label<TAB>link' lines. The labels stay on this machine.",
        HelpName = "LABELS",
    };

    /// The labels as typed, trimmed, and checked as the library will (count, length, duplicates) before the secret or
    /// a passphrase is asked for.
    public static IReadOnlyList<string> Parse(string labels) =>
        OneTimeClient.CheckRecipientLabels(labels.Split(',').Select(label => label.Trim()).ToList());

    public static async Task<int> SendAsync(
        OneTimeClient client, OneTimeSecret secret, IReadOnlyList<string> labels, SendOptions options, CancellationToken cancellationToken)
    {
        var sent = await client.SendToRecipientsAsync(secret, labels, options, cancellationToken);
        foreach (var recipient in sent)
        {
            await Console.Out.WriteLineAsync($"{recipient.Label}\t{recipient.Link}");
        }

        return ExitCodes.Ok;
    }
}
