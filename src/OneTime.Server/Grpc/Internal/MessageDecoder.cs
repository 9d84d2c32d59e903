using System.Buffers;
using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Turns a received frame's payload into a message: inflate when compressed, then parse.</summary>
internal static class MessageDecoder
{
    /// <exception cref="RpcException">
    /// INTERNAL for malformed protobuf, bad gzip, or a compressed frame on a call without grpc-encoding: gzip;
    /// RESOURCE_EXHAUSTED when the inflated message passes the receive limit.
    /// </exception>
    public static TMessage Decode<TMessage>(
        MessageParser<TMessage> parser,
        bool compressed,
        ReadOnlySequence<byte> payload,
        bool gzip,
        int maxMessageSize)
        where TMessage : IMessage<TMessage>
    {
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
            }

            // PROTOCOL-HTTP2.md: a set Compressed-Flag with no grpc-encoding (or identity) is a protocol error.
            if (!gzip)
            {
                throw new RpcException(StatusCode.Internal, "Compressed message received without a grpc-encoding.");
            }

            var inflated = GzipDecompressor.Decompress(payload, maxMessageSize, out var length);
            try
            {
                return parser.ParseFrom(inflated.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(inflated);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "Failed to deserialize request message.");
        }
    }
}
