using OneTime.Cli.Terminal;
using OneTime.Client;

namespace OneTime.Cli.Commands;

/// status and burn over several links (the recipients of one send): one line per link on stdout, "label", a Tab,
/// what happened. Every link is checked before any call, and one passphrase serves them all (a send to recipients
/// gives each the same one). Exit 0 when every link is still waiting (status) or was burned (burn), 3 otherwise.
internal static class ManyLinks
{
    private const string Gone = "gone: expired, burned, or the link or passphrase is wrong";

    public static async Task<int> StatusAsync(IReadOnlyList<LabelledLink> links, OneTimeClient client, CancellationToken cancellationToken)
    {
        var passphrase = await CheckAsync(links, client, cancellationToken);
        var allWaiting = true;
        foreach (var (label, link) in links)
        {
            var status = await client.ExistsAsync(link, passphrase, cancellationToken);
            allWaiting &= status.State == SecretState.Waiting;
            await WriteAsync(label, status.State switch
            {
                SecretState.Waiting => StatusText.Waiting(status),
                SecretState.Read when StatusText.Read(status) is var (read, note) => note is null ? read : $"{read}, note: {note}",
                _ => Gone,
            });
        }

        return allWaiting ? ExitCodes.Ok : ExitCodes.NotFound;
    }

    public static async Task<int> BurnAsync(
        IReadOnlyList<LabelledLink> links, IReadOnlyList<string>? only, OneTimeClient client, CancellationToken cancellationToken)
    {
        var chosen = Choose(links, only);
        var passphrase = await CheckAsync(chosen, client, cancellationToken);
        var allBurned = true;
        foreach (var (label, link) in chosen)
        {
            try
            {
                await client.BurnAsync(link, passphrase, cancellationToken);
                await WriteAsync(label, "burned: the link no longer works");
            }
            catch (SecretNotFoundException)
            {
                allBurned = false;
                await WriteAsync(label, "not burned: already read, expired or burned, or the link or passphrase is wrong");
            }
        }

        return allBurned ? ExitCodes.Ok : ExitCodes.NotFound;
    }

    private static IReadOnlyList<LabelledLink> Choose(IReadOnlyList<LabelledLink> links, IReadOnlyList<string>? only)
    {
        if (only is null)
        {
            return links;
        }

        var unknown = only.FirstOrDefault(label => links.All(l => l.Label != label));
        return unknown is null
            ? links.Where(l => only.Contains(l.Label)).ToList()
            : throw new UsageException($"--only: no link is labelled \"{TerminalText.Shown(unknown)}\".");
    }

    /// Every link parsed before the first call; the passphrase asked for once, when any link needs one.
    private static async Task<string?> CheckAsync(IReadOnlyList<LabelledLink> links, OneTimeClient client, CancellationToken cancellationToken)
    {
        LabelledLink? needsPassphrase = null;
        foreach (var labelled in links)
        {
            try
            {
                if (OneTimeClient.RequiresPassphrase(labelled.Link))
                {
                    needsPassphrase ??= labelled;
                }
            }
            catch (InvalidLinkException e)
            {
                throw new UsageException($"{TerminalText.Shown(labelled.Label)}: {e.Message}");
            }
        }

        return needsPassphrase is null ? null : await Passphrases.ForLinkAsync(needsPassphrase.Link, client, cancellationToken);
    }

    // Labels are the user's own, but come from a file: shown escaped, so a Tab or an escape sequence in one cannot
    // break the columns or reach the terminal.
    private static Task WriteAsync(string label, string what) => Console.Out.WriteLineAsync($"{TerminalText.Shown(label)}\t{what}");
}
