using System.CommandLine;
using System.Globalization;

namespace OneTime.Cli.Terminal;

/// Several links for status and burn: as arguments (labelled 1, 2, … in the order given), or the lines `send
/// --recipients` printed ("alice", a Tab, the link) from a file or stdin (--links FILE, --links -). A line without a
/// Tab is a bare link, labelled by its line number. The file holds the keys: read it, never echo it.
internal static class LinkList
{
    private const char Separator = '\t';

    // 20 recipients' lines are a few kilobytes.
    private const int MaxLength = 1024 * 1024;

    public static Option<string?> Option() => new("--links")
    {
        Description = "Read the links from this file, or '-' for stdin: the 'label<TAB>link' lines 'send --recipients' printed "
            + "(a line of a bare link is labelled by its line number).",
        HelpName = "FILE",
    };

    public static Argument<string[]> Arguments() => new("links")
    {
        Description = "The one-time link(s), or '-' to read one from stdin. Without any: piped stdin, else $ONETIME_LINK. "
            + "An argument lands in shell history and the process list; prefer stdin, the variable or --links.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// Null for the one-link form (at most one argument, no --links), which LinkInput resolves as before.
    public static async Task<IReadOnlyList<LabelledLink>?> ResolveAsync(string[] arguments, string? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return arguments.Length < 2
                ? null
                : arguments.Select((link, i) => new LabelledLink((i + 1).ToString(CultureInfo.InvariantCulture), link.Trim())).ToList();
        }

        if (arguments.Length > 0)
        {
            throw new UsageException("Give the links either as arguments or with --links, not both.");
        }

        var links = Parse(await ReadAsync(file, cancellationToken));
        return links.Count > 0 ? links : throw new UsageException("--links: no link in the input.");
    }

    public static IReadOnlyList<LabelledLink> Parse(string text)
    {
        var links = new List<LabelledLink>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf(Separator);
            links.Add(tab < 0
                ? new LabelledLink((i + 1).ToString(CultureInfo.InvariantCulture), line)
                : new LabelledLink(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }

        var twice = links.GroupBy(l => l.Label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? links
            : throw new UsageException($"--links: the label \"{TerminalText.Shown(twice.Key)}\" appears on more than one line.");
    }

    private static async Task<string> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var input = file == LinkInput.FromStdin ? Console.OpenStandardInput() : OpenFile(file);
        return await CappedInput.ReadUtf8Async(input, MaxLength, cancellationToken)
            ?? throw new UsageException("--links: the input is too long to be a list of links.");
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--links: cannot read '{path}' ({e.Message.TrimEnd('.')}).");
        }
    }
}
