namespace OneTime.Cli.Generators;

/// A generated secret with the entropy it was drawn with: log2 of the number of equally likely outcomes.
internal sealed record Generated(string Text, double EntropyBits, string Kind, string HowMade)
{
    /// Never the secret itself: a record's default ToString would print it.
    public override string ToString() => Kind;

    /// "onetime: entropy 154.9 bits (24 characters from a set of 88)".
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"onetime: entropy {Math.Floor(EntropyBits * 10) / 10:0.#} bits ({HowMade})");
}
