using System.Text;
using OneTime.Client;

namespace OneTime.Cli.Terminal;

/// The secret to send: piped stdin, else ONETIME_SECRET, else a prompt without echo. Never a command-line
/// argument, which would land in shell history and process lists.
internal static class SecretInput
{
    public const string EnvironmentVariable = "ONETIME_SECRET";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<OneTimeSecret> ReadAsync(CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            using var buffer = new MemoryStream();
            await using (var stdin = Console.OpenStandardInput())
            {
                await stdin.CopyToAsync(buffer, cancellationToken);
            }

            // An empty stdin (</dev/null, a CI runner) is "nothing piped": fall through to the variable.
            if (buffer.Length > 0)
            {
                return FromBytes(buffer.ToArray());
            }
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return OneTimeSecret.FromText(fromEnvironment);
        }

        if (Console.IsInputRedirected)
        {
            throw new UsageException("Nothing to send: pipe the secret in, set ONETIME_SECRET, or use --file.");
        }

        var typed = HiddenPrompt.Read("Secret: ", EnvironmentVariable);
        return typed.Length > 0 ? OneTimeSecret.FromText(typed) : throw new UsageException("Nothing to send: the secret is empty.");
    }

    /// Valid UTF-8 is sent as text, byte for byte; anything else as an unnamed file, so binary survives.
    private static OneTimeSecret FromBytes(byte[] bytes)
    {
        try
        {
            return OneTimeSecret.FromText(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return OneTimeSecret.FromFile(bytes);
        }
    }
}
