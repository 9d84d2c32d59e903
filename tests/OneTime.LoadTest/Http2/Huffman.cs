namespace OneTime.LoadTest.Http2;

/// <summary>
/// The static Huffman code of HPACK (RFC 7541 Appendix B). The code is canonical: codes of one length are
/// consecutive and follow symbol order, and each length starts where the previous one ended, shifted. So the code
/// lengths alone define it; the decoder walks a code bit by bit and, at each length, checks whether it falls in
/// that length's range.
/// </summary>
internal static class Huffman
{
    public const int Eos = 256;
    private const int MaxLength = 30;

    /// <summary>Code length in bits of symbols 0..255 and EOS (256), from RFC 7541 Appendix B.</summary>
    private static ReadOnlySpan<byte> Lengths =>
    [
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    ];

    // Per length L: the first code of that length, how many codes have it, and where its symbols start in Symbols.
    private static readonly uint[] FirstCode = new uint[MaxLength + 1];
    private static readonly int[] Count = new int[MaxLength + 1];
    private static readonly int[] Offset = new int[MaxLength + 1];
    private static readonly short[] Symbols = new short[Eos + 1];
    private static readonly uint[] Codes = new uint[Eos + 1];

    static Huffman()
    {
        for (var symbol = 0; symbol <= Eos; symbol++) Count[Lengths[symbol]]++;

        uint code = 0;
        var offset = 0;
        for (var length = 1; length <= MaxLength; length++)
        {
            code <<= 1;
            FirstCode[length] = code;
            Offset[length] = offset;
            code += (uint)Count[length];
            offset += Count[length];
        }

        var next = new int[MaxLength + 1];
        for (var symbol = 0; symbol <= Eos; symbol++)
        {
            var length = Lengths[symbol];
            var rank = next[length]++;
            Symbols[Offset[length] + rank] = (short)symbol;
            Codes[symbol] = FirstCode[length] + (uint)rank;
        }
    }

    /// <summary>The code of a symbol, right-aligned, and its length (for tests and encoders).</summary>
    public static (uint Code, int Length) CodeOf(int symbol) => (Codes[symbol], Lengths[symbol]);

    /// <summary>An upper bound on the decoded length of <paramref name="encodedLength"/> bytes (shortest code: 5 bits).</summary>
    public static int MaxDecodedLength(int encodedLength) => encodedLength * 8 / 5;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/>; false on a code that decodes to EOS,
    /// padding longer than 7 bits, or padding that is not the most significant bits of EOS (all ones).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        uint code = 0;
        var length = 0;
        foreach (var b in source)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                code = (code << 1) | (uint)((b >> bit) & 1);
                length++;
                var index = code - FirstCode[length];
                if (index < (uint)Count[length])
                {
                    var symbol = Symbols[Offset[length] + (int)index];
                    if (symbol == Eos || written == destination.Length) return false;
                    destination[written++] = (byte)symbol;
                    code = 0;
                    length = 0;
                }
                else if (length == MaxLength)
                {
                    return false; // unreachable with a complete code; kept as a guard
                }
            }
        }

        // Leftover bits must be a strict prefix of EOS: fewer than 8, all ones.
        return length < 8 && code == (1u << length) - 1;
    }
}
