using Google.Protobuf;

namespace OneTime.Server.Grpc;

/// <summary>A server-streaming method's implementation: one request in, any number of responses out.</summary>
public delegate Task ServerStreamingHandler<TRequest, TResponse>(
    TRequest request,
    IServerStreamWriter<TResponse> responses,
    ServerCallContext context)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>;
