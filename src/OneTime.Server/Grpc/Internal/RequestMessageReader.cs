using System.IO.Pipelines;
using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Reads a call's request messages one at a time from the body, for every call shape: unary reads one and checks
/// there is no second, streaming methods read until the client half-closes.
/// </summary>
internal sealed class RequestMessageReader<TRequest>(GrpcCall call, MessageParser<TRequest> parser)
    where TRequest : IMessage<TRequest>
{
    private readonly PipeReader _body = call.RequestBody;

    public TRequest Current { get; private set; } = default!;

    /// <summary>Returns false at the end of the request body; a truncated last frame is an error.</summary>
    public async ValueTask<bool> MoveNextAsync()
    {
        while (true)
        {
            var result = await _body.ReadAsync(call.CancellationToken);
            var buffer = result.Buffer;
            var examined = buffer.End;
            try
            {
                if (FrameReader.TryReadMessage(ref buffer, call.MaxReceiveMessageSize, out var compressed, out var message))
                {
                    Current = call.ParseMessage(parser, compressed, message);
                    // Examined only what was consumed, so the next read returns a frame already buffered at once.
                    examined = buffer.Start;
                    return true;
                }

                if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? false
                        : throw new RpcException(StatusCode.Internal, "Incomplete message at the end of the request body.");
                }
            }
            finally
            {
                // Examined is the end when no whole frame was there, so the next read waits for more data.
                _body.AdvanceTo(buffer.Start, examined);
            }
        }
    }

    public async IAsyncEnumerable<TRequest> ReadAllAsync()
    {
        while (await MoveNextAsync())
        {
            yield return Current;
        }
    }
}
