using System.Text;
using OneTime.LoadTest.Http2;

namespace OneTime.LoadTest.Tests;

/// <summary>The HPACK decoder against RFC 7541 Appendix C, and its integer, Huffman and table edge cases.</summary>
public class HpackDecoderTests
{
    [Fact]
    public void Decode_C2_1_LiteralWithIndexing_AddsToTable()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
            ("custom-key", "custom-header"));
        AssertTable(decoder, 55, ("custom-key", "custom-header"));
    }

    [Fact]
    public void Decode_C2_2_LiteralWithoutIndexing_LeavesTable()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "040c 2f73 616d 706c 652f 7061 7468", (":path", "/sample/path"));
        AssertTable(decoder, 0);
    }

    [Fact]
    public void Decode_C2_3_LiteralNeverIndexed_LeavesTable()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "1008 7061 7373 776f 7264 0673 6563 7265 74", ("password", "secret"));
        AssertTable(decoder, 0);
    }

    [Fact]
    public void Decode_C2_4_Indexed_FromStaticTable()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "82", (":method", "GET"));
        AssertTable(decoder, 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_C3_C4_Requests_ShareTheDynamicTable(bool huffman)
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, huffman ? "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff" : "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"));
        AssertTable(decoder, 57, (":authority", "www.example.com"));

        AssertBlock(decoder, huffman ? "8286 84be 5886 a8eb 1064 9cbf" : "8286 84be 5808 6e6f 2d63 6163 6865",
            (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"),
            ("cache-control", "no-cache"));
        AssertTable(decoder, 110, ("cache-control", "no-cache"), (":authority", "www.example.com"));

        AssertBlock(decoder, huffman
                ? "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"
                : "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
            (":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"),
            ("custom-key", "custom-value"));
        AssertTable(decoder, 164,
            ("custom-key", "custom-value"), ("cache-control", "no-cache"), (":authority", "www.example.com"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_C5_C6_Responses_EvictOldestEntries(bool huffman)
    {
        const string date1 = "Mon, 21 Oct 2013 20:13:21 GMT";
        const string date2 = "Mon, 21 Oct 2013 20:13:22 GMT";
        const string location = "https://www.example.com";
        const string cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
        var decoder = new HpackDecoder(maxTableSize: 256);

        AssertBlock(decoder, huffman
                ? "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"
                : "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            (":status", "302"), ("cache-control", "private"), ("date", date1), ("location", location));
        AssertTable(decoder, 222, ("location", location), ("date", date1), ("cache-control", "private"), (":status", "302"));

        AssertBlock(decoder, huffman ? "4883 640e ffc1 c0bf" : "4803 3330 37c1 c0bf",
            (":status", "307"), ("cache-control", "private"), ("date", date1), ("location", location));
        AssertTable(decoder, 222, (":status", "307"), ("location", location), ("date", date1), ("cache-control", "private"));

        AssertBlock(decoder, huffman
                ? "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07"
                : "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
            (":status", "200"), ("cache-control", "private"), ("date", date2), ("location", location),
            ("content-encoding", "gzip"), ("set-cookie", cookie));
        AssertTable(decoder, 215, ("set-cookie", cookie), ("content-encoding", "gzip"), ("date", date2));
    }

    [Fact]
    public void Decode_TableSizeUpdate_EvictsAndLimitsNewEntries()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572", ("custom-key", "custom-header"));

        // 0x20: size 0 (evicts all), then 0x3f e1 1f: size 4096 again, then an index into an empty table fails.
        AssertBlock(decoder, "20 3fe1 1f");
        AssertTable(decoder, 0);
        Assert.Equal(4096, decoder.MaxTableSize);
        Assert.NotNull(Decode(decoder, "be", out _));
    }

    [Fact]
    public void Decode_EntryLargerThanTable_EmptiesTheTable()
    {
        var decoder = new HpackDecoder(maxTableSize: 64);
        AssertBlock(decoder, "4003 6162 6303 7879 7a", ("abc", "xyz")); // 38 bytes
        AssertTable(decoder, 38, ("abc", "xyz"));
        AssertBlock(decoder, "4003 6162 6310 3031 3233 3435 3637 3839 6162 6364 6566", ("abc", "0123456789abcdef")); // 51 bytes
        AssertTable(decoder, 51, ("abc", "0123456789abcdef"));
        AssertBlock(decoder, "4003 6162 6320 3031 3233 3435 3637 3839 6162 6364 6566 3031 3233 3435 3637 3839 6162 6364 6566",
            ("abc", "0123456789abcdef0123456789abcdef")); // 67 > 64
        AssertTable(decoder, 0);
    }

    [Fact]
    public void Decode_ManyEntries_RingWrapsAndGrows()
    {
        var decoder = new HpackDecoder();
        for (var i = 0; i < 200; i++)
        {
            // 4 + 4 + 32 = 40 bytes each: the 4096-byte table keeps the newest 102.
            var value = i.ToString("d4");
            var block = Convert.ToHexString([0x40, 4, .. "name"u8, 4, .. Encoding.ASCII.GetBytes(value)]);
            AssertBlock(decoder, block, ("name", value));
        }

        Assert.Equal(102, decoder.Count);
        Assert.Equal(("name", "0199"), decoder.Entry(0));
        Assert.Equal(("name", "0098"), decoder.Entry(101));
        AssertBlock(decoder, "be", ("name", "0199"));          // 62: the newest
        AssertBlock(decoder, "ff 24", ("name", "0098"));       // 62 + 101 = 163: the oldest
    }

    [Theory]
    [InlineData("bf", "index beyond an empty dynamic table")]
    [InlineData("80", "index 0")]
    [InlineData("82 20", "size update after a field")]
    [InlineData("3fe2 1f", "size update above the limit (4097)")]
    [InlineData("040c 2f73", "truncated string")]
    [InlineData("0481 ff", "Huffman EOS prefix longer than 7 bits (padding)")]
    [InlineData("0484 ffff ffff", "Huffman string holding EOS")]
    [InlineData("0481 00", "Huffman padding not all ones")]
    [InlineData("ff", "truncated integer")]
    [InlineData("ff ff ff ff ff 0f", "integer overflow")]
    public void Decode_Malformed_ReportsAnError(string hex, string what)
    {
        Assert.True(Decode(new HpackDecoder(), hex, out _) is not null, what);
    }

    [Theory]
    [InlineData("0a", 5, 10)]        // C.1.1
    [InlineData("1f9a 0a", 5, 1337)] // C.1.2
    [InlineData("2a", 8, 42)]        // C.1.3
    public void TryDecodeInteger_RfcExamples(string hex, int prefix, int expected)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));
        var pos = 0;
        Assert.True(HpackDecoder.TryDecodeInteger(bytes, ref pos, prefix, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(bytes.Length, pos);
    }

    public static TheoryData<int, int> IntegerBoundaries()
    {
        var data = new TheoryData<int, int>();
        for (var prefix = 1; prefix <= 8; prefix++)
        {
            var max = (1 << prefix) - 1;
            int[] values = [0, max - 1, max, max + 1, max + 127, max + 128, max + 16383, max + 16384,
                max + (1 << 21) - 1, max + (1 << 21), max + (1 << 28) - 1, max + (1 << 28), int.MaxValue];
            foreach (var value in values.Where(v => v >= 0).Distinct()) data.Add(prefix, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntegerBoundaries))]
    public void TryDecodeInteger_EveryBoundary_RoundTripsAndRejectsEveryTruncation(int prefix, int value)
    {
        var encoded = new List<byte>();
        var pattern = (byte)(0xFF << prefix); // the bits above the prefix are set and must be ignored
        RequestHeaders.WriteInteger(encoded, pattern, prefix, value);
        var bytes = encoded.ToArray();

        var pos = 0;
        Assert.True(HpackDecoder.TryDecodeInteger(bytes, ref pos, prefix, out var decoded));
        Assert.Equal(value, decoded);
        Assert.Equal(bytes.Length, pos);

        for (var cut = 0; cut < bytes.Length; cut++)
        {
            pos = 0;
            Assert.False(HpackDecoder.TryDecodeInteger(bytes.AsSpan(0, cut), ref pos, prefix, out _));
        }
    }

    [Fact]
    public void TryDecodeInteger_AboveInt32_Rejected()
    {
        var pos = 0;
        // 127 + 0x7fffff81 = 2^31: one past int.MaxValue.
        Assert.False(HpackDecoder.TryDecodeInteger([0x7f, 0x81, 0xff, 0xff, 0xff, 0x07], ref pos, 7, out _));
    }

    [Theory]
    [InlineData(0, 0x1ff8u, 13)]
    [InlineData(1, 0x7fffd8u, 23)]
    [InlineData(10, 0x3ffffffcu, 30)]
    [InlineData(32, 0x14u, 6)]
    [InlineData((int)'0', 0x0u, 5)]
    [InlineData((int)'a', 0x3u, 5)]
    [InlineData((int)'z', 0x7bu, 7)]
    [InlineData(127, 0xffffffcu, 28)]
    [InlineData(200, 0x3ffffe2u, 26)]
    [InlineData(255, 0x3ffffeeu, 26)]
    [InlineData(Huffman.Eos, 0x3fffffffu, 30)]
    public void Huffman_Codes_MatchRfc7541AppendixB(int symbol, uint code, int length)
    {
        Assert.Equal((code, length), Huffman.CodeOf(symbol));
    }

    [Fact]
    public void Huffman_EveryByte_RoundTrips()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var encoded = HuffmanEncode(all);
        var decoded = new byte[Huffman.MaxDecodedLength(encoded.Length)];
        Assert.True(Huffman.TryDecode(encoded, decoded, out var written));
        Assert.Equal(all, decoded.AsSpan(0, written).ToArray());
    }

    private static byte[] HuffmanEncode(byte[] data)
    {
        var bits = new List<bool>();
        foreach (var b in data)
        {
            var (code, length) = Huffman.CodeOf(b);
            for (var i = length - 1; i >= 0; i--) bits.Add(((code >> i) & 1) != 0);
        }

        while (bits.Count % 8 != 0) bits.Add(true);
        var result = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i]) result[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return result;
    }

    private sealed class Collector : IHeaderHandler
    {
        public List<(string, string)> Fields { get; } = [];

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
            Fields.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
    }

    private static string? Decode(HpackDecoder decoder, string hex, out List<(string, string)> fields)
    {
        var collector = new Collector();
        var error = decoder.Decode(Convert.FromHexString(hex.Replace(" ", "")), ref collector);
        fields = collector.Fields;
        return error;
    }

    private static void AssertBlock(HpackDecoder decoder, string hex, params (string, string)[] expected)
    {
        Assert.Null(Decode(decoder, hex, out var fields));
        Assert.Equal(expected, fields);
    }

    private static void AssertTable(HpackDecoder decoder, int size, params (string, string)[] entries)
    {
        Assert.Equal(size, decoder.TableSize);
        Assert.Equal(entries, Enumerable.Range(0, decoder.Count).Select(decoder.Entry));
    }
}
