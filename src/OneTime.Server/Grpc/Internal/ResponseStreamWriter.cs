using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Writes each message of a streaming response as its own frame and flushes it to the client.</summary>
internal sealed class ResponseStreamWriter<TResponse>(GrpcCall call) : IServerStreamWriter<TResponse>
    where TResponse : IMessage<TResponse>
{
    public async ValueTask WriteAsync(TResponse message)
    {
        ArgumentNullException.ThrowIfNull(message);
        call.ThrowIfDeadlineExceeded();
        call.Response.WriteMessage(message);
        await call.Response.FlushAsync(call.CancellationToken);
    }
}
