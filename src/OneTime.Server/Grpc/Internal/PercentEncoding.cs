using System.Buffers;
using System.Globalization;
using System.Text;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// The grpc-message encoding of PROTOCOL-HTTP2.md: the UTF-8 bytes of the message, with every byte outside
/// %x20-%x7E and '%' itself written as "%" 2HEXDIGIT. Decoding keeps malformed escapes as they are.
/// </summary>
internal static class PercentEncoding
{
    private const int MaxStackBytes = 256;
    private static readonly SearchValues<char> Unreserved = SearchValues.Create(
        " !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static string Encode(string message)
    {
        // The common case (ASCII, no '%') needs no copy.
        if (!message.AsSpan().ContainsAnyExcept(Unreserved))
        {
            return message;
        }

        var utf8 = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(utf8.Length * 3);
        foreach (var b in utf8)
        {
            if (b is >= 0x20 and <= 0x7E && b != '%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        if (!encoded.Contains('%'))
        {
            return encoded;
        }

        var byteCount = encoded.Length * 3; // an escape shrinks; a stray non-ASCII char is at most 3 UTF-8 bytes
        var rented = byteCount > MaxStackBytes ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        Span<byte> bytes = rented is null ? stackalloc byte[MaxStackBytes] : rented;
        var written = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                bytes[written++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                // Malformed escapes and non-ASCII characters pass through as their UTF-8 bytes.
                written += Encoding.UTF8.GetBytes(encoded.AsSpan(i, 1), bytes[written..]);
            }
        }

        var result = Encoding.UTF8.GetString(bytes[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return result;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
