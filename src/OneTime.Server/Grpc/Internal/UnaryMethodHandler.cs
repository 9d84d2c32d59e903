using Google.Protobuf;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Runs a unary method: one request message in, one response message out.</summary>
internal sealed class UnaryMethodHandler<TRequest, TResponse>(string path, UnaryHandler<TRequest, TResponse> handler)
    : MethodHandler(path)
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser = new(() => new TRequest());

    public override async Task HandleAsync(GrpcCall call)
    {
        var request = await UnaryRequestReader.ReadAsync(call, _parser);
        var response = await handler(request, call.CreateContext());
        call.ThrowIfDeadlineExceeded();
        call.Response.WriteMessage(response);
    }
}
