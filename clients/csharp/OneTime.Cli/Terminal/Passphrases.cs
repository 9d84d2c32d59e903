using OneTime.Client;

namespace OneTime.Cli.Terminal;

/// Where a passphrase comes from: ONETIME_PASSPHRASE when set (scripts), else a prompt without echo. Never argv.
internal static class Passphrases
{
    public const string EnvironmentVariable = "ONETIME_PASSPHRASE";

    public static string? ForSend(bool flag)
    {
        // Set, it protects the secret even without --passphrase: a script that exports it for its reads cannot
        // then send unprotected by forgetting the flag. Said on stderr, since the reader will need it.
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            Console.Error.WriteLine($"onetime: protected with ${EnvironmentVariable}; the reader needs that passphrase too.");
            return fromEnvironment;
        }

        if (!flag)
        {
            return null;
        }

        var first = HiddenPrompt.Read("Passphrase: ", EnvironmentVariable);
        if (first.Length == 0)
        {
            throw new UsageException("The passphrase cannot be empty.");
        }

        if (HiddenPrompt.Read("Repeat passphrase: ", EnvironmentVariable) != first)
        {
            throw new UsageException("The passphrases do not match.");
        }

        return first;
    }

    /// Only asked for when the link says one is needed; otherwise a set variable is ignored. Before asking, says
    /// that wrong passphrases are counted (the server burns the secret at its limit, GetLimits): a reader who is
    /// unsure should ask the sender rather than guess.
    public static async Task<string?> ForLinkAsync(string link, OneTimeClient client, CancellationToken cancellationToken)
    {
        if (!OneTimeClient.RequiresPassphrase(link))
        {
            return null;
        }

        var limits = await client.GetLimitsForLinkAsync(link, cancellationToken);
        if (limits.MaxWrongAttempts > 0)
        {
            await Console.Error.WriteLineAsync(
                $"onetime: this link needs a passphrase. {limits.MaxWrongAttempts} wrong passphrases, from anyone, destroy the secret.");
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : HiddenPrompt.Read("Passphrase: ", EnvironmentVariable);
    }
}
