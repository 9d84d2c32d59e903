using System.Buffers;
using System.Buffers.Binary;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Reads Length-Prefixed-Messages (PROTOCOL-HTTP2.md "Requests"): a compressed-flag byte, a big-endian uint32
/// length, then the message. Frames may be split anywhere across DATA frames and reads.
/// </summary>
internal static class FrameReader
{
    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false, leaving the buffer as it
    /// was, until the whole frame is there. A length over <paramref name="maxMessageSize"/> fails as soon as the
    /// header is seen, so an oversized (or 0xFFFFFFFF) prefix never causes anything to be buffered.
    /// </summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED for an oversized length, INTERNAL for an unknown flag.</exception>
    public static bool TryReadMessage(
        ref ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        out bool compressed,
        out ReadOnlySequence<byte> message)
    {
        compressed = false;
        message = default;
        if (buffer.Length < GrpcProtocolConstants.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocolConstants.HeaderSize];
        buffer.Slice(0, GrpcProtocolConstants.HeaderSize).CopyTo(header);

        var flag = header[0];
        if (flag > GrpcProtocolConstants.CompressedFlag)
        {
            throw new RpcException(StatusCode.Internal, "Invalid message frame flag.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxMessageSize})");
        }

        var frameLength = GrpcProtocolConstants.HeaderSize + (long)length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        compressed = flag == GrpcProtocolConstants.CompressedFlag;
        message = buffer.Slice(GrpcProtocolConstants.HeaderSize, length);
        buffer = buffer.Slice(frameLength);
        return true;
    }
}
