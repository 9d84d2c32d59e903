using System.Buffers;
using System.Buffers.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Parses RESP2 replies (https://redis.io/docs/latest/develop/reference/protocol-spec/). <see cref="TryRead"/>
/// returns false, consuming nothing, until a whole reply (nested arrays included) is in the buffer.
/// </summary>
internal static class RespReader
{
    // Room for a sign and the 19 digits of long.MaxValue.
    private const int MaxNumberLength = 20;

    private static ReadOnlySpan<byte> OkLine => "OK"u8;

    /// <summary>Reads one whole reply and slices it off <paramref name="buffer"/>; throws <see cref="RespProtocolException"/> on garbage.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RespValue value)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadValue(ref reader, depth: 0, out value!))
        {
            value = null!;
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, int depth, out RespValue? value)
    {
        value = null;
        if (!reader.TryRead(out var prefix) || !TryReadLine(ref reader, out var line))
        {
            return false;
        }

        switch ((RespType)prefix)
        {
            case RespType.SimpleString:
                // "+OK" answers every successful SET: one shared value instead of an array, a string and a value each.
                value = line.IsSingleSegment && line.FirstSpan.SequenceEqual(OkLine)
                    ? RespValue.Ok
                    : RespValue.SimpleString(RespValue.Decode(line.ToArray()));
                return true;
            case RespType.Error:
                value = RespValue.Error(RespValue.Decode(line.ToArray()));
                return true;
            case RespType.Integer:
                value = RespValue.FromInteger(ParseNumber(line));
                return true;
            case RespType.BulkString:
                return TryReadBulk(ref reader, ParseLength(line, RespProtocol.MaxBulkLength), out value);
            case RespType.Array:
                return TryReadArray(ref reader, ParseLength(line, int.MaxValue), depth, out value);
            default:
                throw new RespProtocolException($"Unexpected RESP type byte 0x{prefix:x2}.");
        }
    }

    // "$<length>\r\n<bytes>\r\n"; the payload is binary-safe, so it is counted, never scanned for CRLF.
    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RespValue? value)
    {
        value = null;
        if (length == RespProtocol.NullLength)
        {
            value = RespValue.NullBulkString;
            return true;
        }

        if (reader.Remaining < length + RespProtocol.CrLfSize)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext(RespProtocol.CrLf, advancePast: true))
        {
            throw new RespProtocolException("A bulk string is not followed by CRLF.");
        }

        value = RespValue.BulkString(bytes);
        return true;
    }

    // "*<count>\r\n" then count elements of any type, arrays included.
    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, int depth, out RespValue? value)
    {
        value = null;
        if (count == RespProtocol.NullLength)
        {
            value = RespValue.NullArray;
            return true;
        }

        if (depth >= RespProtocol.MaxDepth)
        {
            throw new RespProtocolException("RESP arrays are nested too deeply.");
        }

        // Every element takes at least 3 bytes ("+\r\n"); do not allocate for a count the buffer cannot hold yet.
        if (reader.Remaining < count * 3)
        {
            return false;
        }

        var items = new RespValue[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryReadValue(ref reader, depth + 1, out var item))
            {
                return false;
            }

            items[i] = item!;
        }

        value = RespValue.Array(items);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> line)
    {
        if (reader.TryReadTo(out line, RespProtocol.CrLf, advancePastDelimiter: true))
        {
            return true;
        }

        if (reader.Remaining > RespProtocol.MaxLineLength)
        {
            throw new RespProtocolException("A RESP header line has no CRLF.");
        }

        return false;
    }

    private static long ParseLength(ReadOnlySequence<byte> line, long max)
    {
        var length = ParseNumber(line);
        if (length < RespProtocol.NullLength || length > max)
        {
            throw new RespProtocolException($"RESP length {length} is out of range.");
        }

        return length;
    }

    private static long ParseNumber(ReadOnlySequence<byte> line)
    {
        if (line.Length is 0 or > MaxNumberLength)
        {
            throw new RespProtocolException("A RESP number is empty or too long.");
        }

        Span<byte> digits = stackalloc byte[MaxNumberLength];
        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        if (!Utf8Parser.TryParse(digits, out long number, out var consumed) || consumed != digits.Length)
        {
            throw new RespProtocolException("A RESP number is not a decimal integer.");
        }

        return number;
    }
}
