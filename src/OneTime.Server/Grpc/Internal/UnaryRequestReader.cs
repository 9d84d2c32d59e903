using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Reads the single request message of a unary or server-streaming call, to the end of the request body.</summary>
internal static class UnaryRequestReader
{
    /// <summary>
    /// Returns the one message; the body is read to its end so that a second message is noticed
    /// (PROTOCOL-HTTP2.md leaves cardinality to the method; grpc-go answers UNIMPLEMENTED, as we do).
    /// </summary>
    public static async ValueTask<TRequest> ReadAsync<TRequest>(GrpcCall call, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
    {
        var reader = new RequestMessageReader<TRequest>(call, parser);
        if (!await reader.MoveNextAsync())
        {
            throw new RpcException(StatusCode.Unimplemented, "No request message for unary call.");
        }

        var request = reader.Current;
        return await reader.MoveNextAsync()
            ? throw new RpcException(StatusCode.Unimplemented, "Additional unexpected message for unary call.")
            : request;
    }
}
