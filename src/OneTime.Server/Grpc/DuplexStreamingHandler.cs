using Google.Protobuf;

namespace OneTime.Server.Grpc;

/// <summary>
/// A bidirectional-streaming method's implementation: requests are read as they arrive (the sequence ends when the
/// client half-closes) while responses are written.
/// </summary>
public delegate Task DuplexStreamingHandler<TRequest, TResponse>(
    IAsyncEnumerable<TRequest> requests,
    IServerStreamWriter<TResponse> responses,
    ServerCallContext context)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>;
