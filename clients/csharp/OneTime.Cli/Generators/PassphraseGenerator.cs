namespace OneTime.Cli.Generators;

/// Passphrases: words picked uniformly (UniformRandom) from the EFF large list, log2(7776) ≈ 12.9 bits each.
internal static class PassphraseGenerator
{
    public const int DefaultWords = 6; // 77.5 bits
    public const int MinimumWords = 4;
    public const int MaximumWords = 64;
    public const string DefaultSeparator = "-";
    public const int MaximumSeparatorLength = 16;

    public static Generated Generate(int words, string separator = DefaultSeparator, UniformRandom? random = null)
    {
        if (words is < MinimumWords or > MaximumWords)
        {
            throw new UsageException($"--words must be between {MinimumWords} and {MaximumWords}.");
        }

        // Something must stand between words for them to be read back, and it is printed: no control characters.
        if (separator.Length is 0 or > MaximumSeparatorLength || separator.Any(char.IsControl))
        {
            throw new UsageException($"--separator must be 1 to {MaximumSeparatorLength} printable characters.");
        }

        random ??= UniformRandom.Secure;
        var list = WordList.Words;
        var picked = Enumerable.Range(0, words).Select(_ => list[random.Next(list.Count)]);
        return new Generated(string.Join(separator, picked), words * Math.Log2(list.Count), "passphrase", $"{words} words from a list of {list.Count}");
    }
}
