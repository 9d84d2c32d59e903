using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Runs a server-streaming method: one request message in, a stream of response messages out.</summary>
internal sealed class ServerStreamingMethodHandler<TRequest, TResponse>(string path, ServerStreamingHandler<TRequest, TResponse> handler)
    : MethodHandler(path)
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = new(() => new TRequest());

    public override async Task HandleAsync(GrpcCall call)
    {
        var request = await UnaryRequestReader.ReadAsync(call, _parser);
        await handler(request, new ResponseStreamWriter<TResponse>(call), call.CreateContext());
        call.ThrowIfDeadlineExceeded();
    }
}
