namespace OneTime.Cli.Generators;

/// Which character classes a password draws from: all four unless turned off (--no-upper, --no-lower, --no-digits,
/// --no-symbols).
internal sealed record PasswordClasses(bool Upper = true, bool Lower = true, bool Digits = true, bool Symbols = true)
{
    public string Alphabet() =>
        (Upper ? PasswordGenerator.Upper : "") + (Lower ? PasswordGenerator.Lower : "")
        + (Digits ? PasswordGenerator.Digits : "") + (Symbols ? PasswordGenerator.Symbols : "");
}
