using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Writes Length-Prefixed-Messages and gRPC-Web trailer frames straight into a buffer writer.</summary>
internal static class FrameWriter
{
    private static readonly byte[] StatusPrefix = "grpc-status:"u8.ToArray();
    private static readonly byte[] MessagePrefix = "grpc-message:"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    /// <summary>Writes an uncompressed message frame; the message is serialized once, in place.</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message)
    {
        var size = message.CalculateSize();
        var span = writer.GetSpan(GrpcProtocolConstants.HeaderSize + size);
        WriteHeader(span, GrpcProtocolConstants.UncompressedFlag, size);
        message.WriteTo(span.Slice(GrpcProtocolConstants.HeaderSize, size));
        writer.Advance(GrpcProtocolConstants.HeaderSize + size);
    }

    /// <summary>
    /// Writes the gRPC-Web trailers frame (PROTOCOL-WEB.md: flag 0x80, then the trailers as an HTTP/1 header
    /// block, <c>grpc-status:0\r\n</c>). <paramref name="encodedMessage"/> is already percent-encoded, so ASCII.
    /// </summary>
    public static void WriteWebTrailers(IBufferWriter<byte> writer, StatusCode status, string? encodedMessage)
    {
        Span<byte> statusDigits = stackalloc byte[11];
        ((int)status).TryFormat(statusDigits, out var digitCount);

        var length = StatusPrefix.Length + digitCount + LineEnd.Length;
        if (!string.IsNullOrEmpty(encodedMessage))
        {
            length += MessagePrefix.Length + encodedMessage.Length + LineEnd.Length;
        }

        var span = writer.GetSpan(GrpcProtocolConstants.HeaderSize + length);
        WriteHeader(span, GrpcProtocolConstants.WebTrailersFlag, length);
        var body = span[GrpcProtocolConstants.HeaderSize..];
        body = Append(body, StatusPrefix);
        body = Append(body, statusDigits[..digitCount]);
        body = Append(body, LineEnd);
        if (!string.IsNullOrEmpty(encodedMessage))
        {
            body = Append(body, MessagePrefix);
            body = body[Encoding.ASCII.GetBytes(encodedMessage, body)..];
            Append(body, LineEnd);
        }

        writer.Advance(GrpcProtocolConstants.HeaderSize + length);
    }

    private static void WriteHeader(Span<byte> destination, byte flag, int length)
    {
        destination[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    private static Span<byte> Append(Span<byte> destination, scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        return destination[bytes.Length..];
    }
}
