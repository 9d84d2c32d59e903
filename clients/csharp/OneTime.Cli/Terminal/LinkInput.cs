namespace OneTime.Cli.Terminal;

/// Where a link comes from. The link holds the key, and an argument is the one place a secret should not be:
/// shells keep it in their history and every local user can read it in /proc/{pid}/cmdline (or `ps`). So besides
/// the argument, which stays for convenience, the link is read from stdin ("-", or no argument with stdin piped)
/// or from ONETIME_LINK, in the same order `send` reads its secret: piped stdin first, then the variable.
internal static class LinkInput
{
    public const string EnvironmentVariable = "ONETIME_LINK";
    public const string FromStdin = "-";

    // Links are about 100 characters.
    private const int MaxLength = 16 * 1024;

    private const string Missing =
        "No link: pipe it in (onetime read - < link.txt), set ONETIME_LINK, or give it as an argument (which shell history keeps).";

    public static async Task<string> ResolveAsync(string? argument, CancellationToken cancellationToken)
    {
        if (argument is { } given && given != FromStdin)
        {
            return given.Trim();
        }

        if (argument == FromStdin || Console.IsInputRedirected)
        {
            var piped = await ReadStdinAsync(cancellationToken);
            if (piped.Length > 0)
            {
                return piped;
            }

            if (argument == FromStdin)
            {
                throw new UsageException("No link on stdin.");
            }
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment.Trim()
            : throw new UsageException(Missing);
    }

    /// One line, surrounding whitespace (the newline `echo` adds, a CR from a Windows file) removed.
    private static async Task<string> ReadStdinAsync(CancellationToken cancellationToken)
    {
        await using var stdin = Console.OpenStandardInput();
        var text = (await CappedInput.ReadUtf8Async(stdin, MaxLength, cancellationToken)
            ?? throw new UsageException("The input on stdin is too long to be a link.")).Trim();
        return text.Contains('\n') ? throw new UsageException("Expected one link on stdin, found several lines (status and burn take several with --links -).") : text;
    }
}
