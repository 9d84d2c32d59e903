using System.Text;

namespace OneTime.Cli.Generators;

/// The EFF large word list (clients/wordlists/eff_large_wordlist.txt, CC BY 3.0 US; NOTICE.md ships beside the
/// CLI), embedded in this assembly: 7,776 lines of five dice digits, a Tab and a word.
internal static class WordList
{
    public const string ResourceName = "eff_large_wordlist.txt";
    public const int Count = 7776; // 6^5: one word per five dice rolls

    private static readonly Lazy<string[]> Loaded = new(Load);

    public static IReadOnlyList<string> Words => Loaded.Value;

    /// The embedded file's bytes, exactly as in the repository (its SHA-256 is checked by the tests).
    public static byte[] ReadBytes()
    {
        using var stream = typeof(WordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The word list is not embedded in this build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string[] Load()
    {
        var words = Encoding.UTF8.GetString(ReadBytes())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line[(line.IndexOf('\t') + 1)..])
            .ToArray();
        return words.Length == Count && words.Distinct(StringComparer.Ordinal).Count() == Count
            ? words
            : throw new InvalidOperationException("The embedded word list is not the EFF large list.");
    }
}
