using Google.Protobuf;

namespace OneTime.Server.Grpc;

/// <summary>Sends the messages of a streaming response, one frame each, as they are written.</summary>
public interface IServerStreamWriter<in TResponse>
    where TResponse : IMessage<TResponse>
{
    /// <summary>Writes and flushes one message; calls must not overlap.</summary>
    ValueTask WriteAsync(TResponse message);
}
