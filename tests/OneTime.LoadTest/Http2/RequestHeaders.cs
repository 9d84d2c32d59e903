using System.Text;

namespace OneTime.LoadTest.Http2;

/// <summary>
/// The constant request header block of a unary gRPC call, HPACK-encoded once per path: static-table indexes and
/// literals without indexing, no Huffman, so it never touches the server's dynamic table and can be sent as is on
/// any connection, any number of times.
/// </summary>
internal static class RequestHeaders
{
    // RFC 7541 Appendix A.
    private const int AuthorityIndex = 1;
    private const int MethodPostIndex = 3;
    private const int PathIndex = 4;
    private const int SchemeHttpIndex = 6;
    private const int ContentTypeIndex = 31;

    public static byte[] Encode(string authority, string path, string contentType = "application/grpc")
    {
        var block = new List<byte>(128);
        WriteInteger(block, 0x80, 7, MethodPostIndex); // :method: POST, indexed
        WriteInteger(block, 0x80, 7, SchemeHttpIndex); // :scheme: http, indexed
        WriteLiteral(block, PathIndex, path);
        WriteLiteral(block, AuthorityIndex, authority);
        WriteLiteral(block, ContentTypeIndex, contentType);
        WriteLiteral(block, 0, "trailers", name: "te");
        return [.. block];
    }

    /// <summary>A literal header field without indexing (0000xxxx): by name index, or with a literal name at 0.</summary>
    private static void WriteLiteral(List<byte> block, int nameIndex, string value, string? name = null)
    {
        WriteInteger(block, 0x00, 4, nameIndex);
        if (nameIndex == 0) WriteString(block, name!);
        WriteString(block, value);
    }

    private static void WriteString(List<byte> block, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        WriteInteger(block, 0x00, 7, bytes.Length); // H = 0: raw octets
        block.AddRange(bytes);
    }

    /// <summary>An integer with an N-bit prefix (RFC 7541 5.1), the prefix's byte starting with <paramref name="pattern"/>.</summary>
    public static void WriteInteger(List<byte> block, byte pattern, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.Add((byte)(pattern | value));
            return;
        }

        block.Add((byte)(pattern | max));
        value -= max;
        while (value >= 0x80)
        {
            block.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        block.Add((byte)value);
    }
}
