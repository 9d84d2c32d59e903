using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Runs a bidirectional-streaming method: requests are parsed as their frames arrive while responses are written
/// (HTTP/2 lets both directions stay open; over HTTP/1.1 gRPC-Web the request body simply ends first).
/// </summary>
internal sealed class DuplexStreamingMethodHandler<TRequest, TResponse>(string path, DuplexStreamingHandler<TRequest, TResponse> handler)
    : MethodHandler(path)
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = new(() => new TRequest());

    public override async Task HandleAsync(GrpcCall call)
    {
        call.AllowLongLivedRequestBody();
        var requests = new RequestMessageReader<TRequest>(call, _parser).ReadAllAsync();
        await handler(requests, new ResponseStreamWriter<TResponse>(call), call.CreateContext());
        call.ThrowIfDeadlineExceeded();
    }
}
