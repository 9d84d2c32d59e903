using System.Buffers;
using System.IO.Pipelines;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Reads the single request message of a unary call, to the end of the request body.</summary>
internal static class UnaryRequestReader
{
    /// <summary>
    /// Returns the one message; the body is read to its end so that a second message is noticed
    /// (PROTOCOL-HTTP2.md leaves cardinality to the method; grpc-go answers UNIMPLEMENTED, as we do).
    /// </summary>
    public static async ValueTask<TRequest> ReadAsync<TRequest>(PipeReader reader, GrpcCall call, Google.Protobuf.MessageParser<TRequest> parser)
        where TRequest : Google.Protobuf.IMessage<TRequest>
    {
        TRequest? request = default;
        var received = false;
        while (true)
        {
            var result = await reader.ReadAsync(call.CancellationToken);
            var buffer = result.Buffer;
            try
            {
                while (FrameReader.TryReadMessage(ref buffer, call.MaxReceiveMessageSize, out var compressed, out var message))
                {
                    if (received)
                    {
                        throw new RpcException(StatusCode.Unimplemented, "Additional unexpected message for unary call.");
                    }

                    request = call.ParseMessage(parser, compressed, message);
                    received = true;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new RpcException(StatusCode.Internal, "Incomplete message at the end of the request body.");
                    }

                    return received
                        ? request!
                        : throw new RpcException(StatusCode.Unimplemented, "No request message for unary call.");
                }
            }
            finally
            {
                // Examined is the end so that, without a whole frame, the next read waits for more data.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }
}
