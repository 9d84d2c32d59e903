using System.Buffers;
using System.Buffers.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Serializes commands the way clients must send them: "an array of bulk strings"
/// (https://redis.io/docs/latest/develop/reference/protocol-spec/#sending-commands-to-a-redis-server).
/// </summary>
internal static class RespWriter
{
    // Type byte, up to 20 characters of number, CRLF.
    private const int MaxHeaderSize = 1 + 20 + RespProtocol.CrLfSize;

    /// <summary>Writes "*&lt;n&gt;\r\n" and then "$&lt;len&gt;\r\n&lt;bytes&gt;\r\n" per argument.</summary>
    public static void WriteCommand(IBufferWriter<byte> writer, ReadOnlySpan<ReadOnlyMemory<byte>> arguments)
    {
        WriteHeader(writer, RespType.Array, arguments.Length);
        foreach (var argument in arguments)
        {
            WriteHeader(writer, RespType.BulkString, argument.Length);
            writer.Write(argument.Span);
            writer.Write(RespProtocol.CrLf);
        }
    }

    /// <summary>The exact size of the command <see cref="WriteCommand(Span{byte}, ReadOnlySpan{RespArgument})"/> writes.</summary>
    public static int GetCommandLength(ReadOnlySpan<RespArgument> arguments)
    {
        var length = HeaderLength(arguments.Length);
        foreach (var argument in arguments)
        {
            var argumentLength = argument.Length;
            length += HeaderLength(argumentLength) + argumentLength + RespProtocol.CrLfSize;
        }

        return length;
    }

    /// <summary>The same bytes as the <see cref="IBufferWriter{T}"/> overload, into a buffer of <see cref="GetCommandLength"/> bytes.</summary>
    public static int WriteCommand(Span<byte> destination, ReadOnlySpan<RespArgument> arguments)
    {
        var written = WriteHeader(destination, RespType.Array, arguments.Length);
        foreach (var argument in arguments)
        {
            written += WriteHeader(destination[written..], RespType.BulkString, argument.Length);
            written += argument.CopyTo(destination[written..]);
            RespProtocol.CrLf.CopyTo(destination[written..]);
            written += RespProtocol.CrLfSize;
        }

        return written;
    }

    private static int HeaderLength(int number) => 1 + CountDigits(number) + RespProtocol.CrLfSize;

    private static int CountDigits(int number)
    {
        var digits = 1;
        while (number >= 10)
        {
            number /= 10;
            digits++;
        }

        return digits;
    }

    private static int WriteHeader(Span<byte> destination, RespType type, long number)
    {
        destination[0] = (byte)type;
        Utf8Formatter.TryFormat(number, destination[1..], out var written);
        RespProtocol.CrLf.CopyTo(destination[(1 + written)..]);
        return 1 + written + RespProtocol.CrLfSize;
    }

    private static void WriteHeader(IBufferWriter<byte> writer, RespType type, long number)
    {
        var span = writer.GetSpan(MaxHeaderSize);
        span[0] = (byte)type;
        Utf8Formatter.TryFormat(number, span[1..], out var written);
        RespProtocol.CrLf.CopyTo(span[(1 + written)..]);
        writer.Advance(1 + written + RespProtocol.CrLfSize);
    }
}
