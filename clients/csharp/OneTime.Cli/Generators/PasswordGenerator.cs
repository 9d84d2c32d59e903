namespace OneTime.Cli.Generators;

/// Passwords: each character picked uniformly (UniformRandom) from the chosen classes. Symbols leave out quotes,
/// backslash, backtick and space so the result pastes into shells and config files unquoted. No class is forced to
/// appear: that keeps every password equally likely and the entropy exactly length × log2(set size).
internal static class PasswordGenerator
{
    public const int DefaultLength = 24;
    public const int MinimumLength = 8;
    public const int MaximumLength = 1024;

    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Symbols = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

    public static Generated Generate(int length, bool symbols, UniformRandom? random = null) =>
        Generate(length, new PasswordClasses(Symbols: symbols), random);

    public static Generated Generate(int length, PasswordClasses classes, UniformRandom? random = null)
    {
        if (length is < MinimumLength or > MaximumLength)
        {
            throw new UsageException($"--length must be between {MinimumLength} and {MaximumLength}.");
        }

        var alphabet = classes.Alphabet();
        if (alphabet.Length == 0)
        {
            throw new UsageException("Leave at least one character class (upper, lower, digits, symbols).");
        }

        random ??= UniformRandom.Secure;
        var password = string.Create(length, alphabet, (chars, set) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = set[random.Next(set.Length)];
            }
        });
        return new Generated(password, length * Math.Log2(alphabet.Length), "password", $"{length} characters from a set of {alphabet.Length}");
    }
}
