using System.Text;

namespace OneTime.LoadTest.Http2;

/// <summary>Receives each decoded header field; the spans are valid only during the call.</summary>
internal interface IHeaderHandler
{
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}

/// <summary>
/// HPACK header block decoding (RFC 7541): integers, the static table, a dynamic table with size updates and
/// eviction, the three literal forms and Huffman-coded strings. One decoder per connection, fed every header block
/// in the order the connection received them (including blocks of streams nobody waits for any more), because the
/// dynamic table is connection state.
/// </summary>
internal sealed class HpackDecoder
{
    private const int EntryOverhead = 32;

    private static readonly (byte[] Name, byte[] Value)[] StaticTable = CreateStaticTable();

    private readonly int _maxTableSizeLimit;
    private (byte[] Name, byte[] Value)[] _entries = new (byte[], byte[])[16];
    private int _head; // index of the newest entry in the ring
    private int _count;
    private byte[] _nameScratch = new byte[256];
    private byte[] _valueScratch = new byte[256];

    /// <param name="maxTableSize">Our SETTINGS_HEADER_TABLE_SIZE: the largest size the encoder may choose.</param>
    public HpackDecoder(int maxTableSize = 4096)
    {
        _maxTableSizeLimit = maxTableSize;
        MaxTableSize = maxTableSize;
    }

    /// <summary>The dynamic table's current maximum size, as last set by the encoder.</summary>
    public int MaxTableSize { get; private set; }

    /// <summary>The dynamic table's current size: sum of name + value + 32 of its entries.</summary>
    public int TableSize { get; private set; }

    public int Count => _count;

    /// <summary>Dynamic table entry <paramref name="index"/>, 0 being the newest (for tests).</summary>
    public (string Name, string Value) Entry(int index)
    {
        var (name, value) = DynamicEntry(index);
        return (Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value));
    }

    /// <summary>Decodes a whole header block; returns null on success, else what was wrong with it.</summary>
    public string? Decode<THandler>(ReadOnlySpan<byte> block, ref THandler handler)
        where THandler : IHeaderHandler
    {
        var pos = 0;
        var fieldSeen = false;
        while (pos < block.Length)
        {
            var b = block[pos];
            if ((b & 0x80) != 0)
            {
                // Indexed Header Field: 1xxxxxxx
                if (!TryDecodeInteger(block, ref pos, 7, out var index)) return "HPACK: bad integer";
                if (index == 0) return "HPACK: index 0";
                if (!TryGetEntry(index, out var name, out var value)) return $"HPACK: index {index} out of range";
                handler.OnHeader(name, value);
                fieldSeen = true;
            }
            else if ((b & 0xE0) == 0x20)
            {
                // Dynamic Table Size Update: 001xxxxx, only at the start of a block.
                if (fieldSeen) return "HPACK: table size update after a header field";
                if (!TryDecodeInteger(block, ref pos, 5, out var size)) return "HPACK: bad integer";
                if (size > _maxTableSizeLimit) return $"HPACK: table size {size} above the limit {_maxTableSizeLimit}";
                MaxTableSize = size;
                Evict(size);
            }
            else
            {
                // Literals: 01xxxxxx with incremental indexing (6-bit index), 0000xxxx without indexing and
                // 0001xxxx never indexed (4-bit index). Index 0 means a literal name follows.
                var indexing = (b & 0xC0) == 0x40;
                if (!TryDecodeInteger(block, ref pos, indexing ? 6 : 4, out var index)) return "HPACK: bad integer";
                ReadOnlySpan<byte> name;
                if (index == 0)
                {
                    var error = ReadString(block, ref pos, ref _nameScratch, out name);
                    if (error is not null) return error;
                }
                else
                {
                    if (!TryGetEntry(index, out name, out _)) return $"HPACK: index {index} out of range";
                }

                var valueError = ReadString(block, ref pos, ref _valueScratch, out var value);
                if (valueError is not null) return valueError;
                handler.OnHeader(name, value);
                if (indexing) Add(name, value);
                fieldSeen = true;
            }
        }

        return null;
    }

    /// <summary>An integer with an N-bit prefix (RFC 7541 5.1); false when truncated or above int.MaxValue.</summary>
    public static bool TryDecodeInteger(ReadOnlySpan<byte> source, ref int pos, int prefixBits, out int value)
    {
        value = 0;
        if (pos >= source.Length) return false;
        var mask = (1 << prefixBits) - 1;
        var result = source[pos++] & mask;
        if (result < mask)
        {
            value = result;
            return true;
        }

        long total = result;
        var shift = 0;
        while (true)
        {
            if (pos >= source.Length) return false;
            var b = source[pos++];
            total += (long)(b & 0x7F) << shift;
            if (total > int.MaxValue) return false;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 28) return false;
        }

        value = (int)total;
        return true;
    }

    private static string? ReadString(ReadOnlySpan<byte> block, scoped ref int pos, scoped ref byte[] scratch, out ReadOnlySpan<byte> result)
    {
        result = default;
        if (pos >= block.Length) return "HPACK: truncated string";
        var huffman = (block[pos] & 0x80) != 0;
        if (!TryDecodeInteger(block, ref pos, 7, out var length)) return "HPACK: bad string length";
        if (length > block.Length - pos) return "HPACK: truncated string";
        var raw = block.Slice(pos, length);
        pos += length;
        if (!huffman)
        {
            result = raw;
            return null;
        }

        var max = Huffman.MaxDecodedLength(length);
        if (scratch.Length < max) scratch = new byte[Math.Max(max, scratch.Length * 2)];
        if (!Huffman.TryDecode(raw, scratch, out var written)) return "HPACK: bad Huffman string";
        result = scratch.AsSpan(0, written);
        return null;
    }

    private bool TryGetEntry(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (index <= StaticTable.Length)
        {
            name = StaticTable[index - 1].Name;
            value = StaticTable[index - 1].Value;
            return true;
        }

        var dynamicIndex = index - StaticTable.Length - 1;
        if (dynamicIndex >= _count)
        {
            name = value = default;
            return false;
        }

        var entry = DynamicEntry(dynamicIndex);
        name = entry.Name;
        value = entry.Value;
        return true;
    }

    private (byte[] Name, byte[] Value) DynamicEntry(int index) =>
        _entries[(_head - index + _entries.Length) % _entries.Length];

    private void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var size = name.Length + value.Length + EntryOverhead;
        if (size > MaxTableSize)
        {
            // An entry larger than the table empties it and is not added (RFC 7541 4.4).
            Evict(0);
            return;
        }

        Evict(MaxTableSize - size);
        if (_count == _entries.Length)
        {
            var grown = new (byte[], byte[])[_entries.Length * 2];
            for (var i = 0; i < _count; i++) grown[_count - 1 - i] = DynamicEntry(i);
            _entries = grown;
            _head = _count - 1;
        }

        _head = (_head + 1) % _entries.Length;
        _entries[_head] = (name.ToArray(), value.ToArray());
        _count++;
        TableSize += size;
    }

    /// <summary>Drops the oldest entries until the table's size is at most <paramref name="target"/>.</summary>
    private void Evict(int target)
    {
        if (target > MaxTableSize) target = MaxTableSize;
        while (TableSize > target && _count > 0)
        {
            var oldest = (_head - (_count - 1) + _entries.Length) % _entries.Length;
            var (name, value) = _entries[oldest];
            TableSize -= name.Length + value.Length + EntryOverhead;
            _entries[oldest] = default;
            _count--;
        }
    }

    private static (byte[], byte[])[] CreateStaticTable()
    {
        // RFC 7541 Appendix A, indexes 1..61.
        string[] fields =
        [
            ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html",
            ":scheme", "http", ":scheme", "https", ":status", "200", ":status", "204", ":status", "206",
            ":status", "304", ":status", "400", ":status", "404", ":status", "500", "accept-charset", "",
            "accept-encoding", "gzip, deflate", "accept-language", "", "accept-ranges", "", "accept", "",
            "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "", "cache-control", "",
            "content-disposition", "", "content-encoding", "", "content-language", "", "content-length", "",
            "content-location", "", "content-range", "", "content-type", "", "cookie", "", "date", "", "etag", "",
            "expect", "", "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "",
            "if-none-match", "", "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "",
            "location", "", "max-forwards", "", "proxy-authenticate", "", "proxy-authorization", "", "range", "",
            "referer", "", "refresh", "", "retry-after", "", "server", "", "set-cookie", "",
            "strict-transport-security", "", "transfer-encoding", "", "user-agent", "", "vary", "", "via", "",
            "www-authenticate", "",
        ];
        var table = new (byte[], byte[])[fields.Length / 2];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (Encoding.ASCII.GetBytes(fields[2 * i]), Encoding.ASCII.GetBytes(fields[2 * i + 1]));
        }

        return table;
    }

    /// <summary>The static table's size (61), for encoders.</summary>
    public static int StaticTableCount => StaticTable.Length;
}
