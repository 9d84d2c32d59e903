using System.Security.Cryptography;

namespace OneTime.Cli;

/// Uniform picks from a CSPRNG. Symbols leave out quotes, backslash, backtick and space so the result pastes into
/// shells and config files unquoted.
internal static class PasswordGenerator
{
    public const int DefaultLength = 24;
    public const int MinimumLength = 8;
    public const int MaximumLength = 1024;

    private const string LettersAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Symbols = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

    public static string Generate(int length, bool symbols)
    {
        if (length is < MinimumLength or > MaximumLength)
        {
            throw new UsageException($"--length must be between {MinimumLength} and {MaximumLength}.");
        }

        return RandomNumberGenerator.GetString(symbols ? LettersAndDigits + Symbols : LettersAndDigits, length);
    }
}
