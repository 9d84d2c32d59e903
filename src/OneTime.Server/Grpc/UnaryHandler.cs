using Google.Protobuf;

namespace OneTime.Server.Grpc;

/// <summary>A unary method's implementation: one request in, one response out, or an <see cref="RpcException"/>.</summary>
public delegate ValueTask<TResponse> UnaryHandler<TRequest, TResponse>(TRequest request, ServerCallContext context)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>;
