using OneTime.Client;

namespace OneTime.Cli.Terminal;

/// Writes a read secret to stdout: byte for byte when stdout is a pipe or a file (or with --raw); escaped for
/// a terminal (TerminalText), with a trailing newline so the prompt does not run into it.
internal static class SecretOutput
{
    public static async Task WriteAsync(OneTimeSecret secret, bool raw, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        if (raw || Console.IsOutputRedirected)
        {
            await stdout.WriteAsync(secret.Content, cancellationToken);
            return;
        }

        var shown = TerminalText.Escape(secret.Content.Span, out var escaped);
        if (!shown.EndsWith('\n'))
        {
            shown += "\n";
        }

        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(shown), cancellationToken);
        if (escaped > 0)
        {
            await Console.Error.WriteLineAsync(
                $"onetime: {escaped} control or non-text character(s) shown as \\x or \\u escapes; use --raw or --out for the exact bytes.");
        }
    }
}
