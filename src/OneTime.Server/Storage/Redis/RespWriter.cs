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

    private static void WriteHeader(IBufferWriter<byte> writer, RespType type, long number)
    {
        var span = writer.GetSpan(MaxHeaderSize);
        span[0] = (byte)type;
        Utf8Formatter.TryFormat(number, span[1..], out var written);
        RespProtocol.CrLf.CopyTo(span[(1 + written)..]);
        writer.Advance(1 + written + RespProtocol.CrLfSize);
    }
}
