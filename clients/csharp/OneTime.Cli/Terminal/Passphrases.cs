using OneTime.Client;

namespace OneTime.Cli.Terminal;

/// Where a passphrase comes from: ONETIME_PASSPHRASE when set (scripts), else a prompt without echo. Never argv.
internal static class Passphrases
{
    public const string EnvironmentVariable = "ONETIME_PASSPHRASE";

    public static string? ForSend(bool flag)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!flag)
        {
            return null;
        }

        var first = HiddenPrompt.Read("Passphrase: ");
        if (first.Length == 0)
        {
            throw new UsageException("The passphrase cannot be empty.");
        }

        if (HiddenPrompt.Read("Repeat passphrase: ") != first)
        {
            throw new UsageException("The passphrases do not match.");
        }

        return first;
    }

    /// Only asked for when the link says one is needed; otherwise a set variable is ignored.
    public static string? ForLink(string link)
    {
        if (!OneTimeClient.RequiresPassphrase(link))
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : HiddenPrompt.Read("Passphrase: ");
    }
}
