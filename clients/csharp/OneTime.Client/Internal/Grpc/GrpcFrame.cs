using System.Buffers.Binary;
using Google.Protobuf;

namespace OneTime.Client.Internal.Grpc;

/// Length-prefixed messages: flags (1 byte) || length (4 bytes, big-endian) || bytes.
internal static class GrpcFrame
{
    public static byte[] Write(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[GrpcProtocol.HeaderSize + size];
        frame[0] = 0x00; // not compressed: we never send grpc-encoding
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderSize));
        return frame;
    }

    /// Returns false until a whole frame is in <paramref name="buffer"/>; on success advances past it.
    public static bool TryRead(ref ReadOnlySpan<byte> buffer, out byte flags, out ReadOnlySpan<byte> message)
    {
        flags = 0;
        message = default;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer[1..]);
        if (length > (uint)(buffer.Length - GrpcProtocol.HeaderSize))
        {
            return false;
        }

        flags = buffer[0];
        message = buffer.Slice(GrpcProtocol.HeaderSize, (int)length);
        buffer = buffer[(GrpcProtocol.HeaderSize + (int)length)..];
        return true;
    }
}
