namespace OneTime.Server.Grpc.Internal;

/// <summary>Answers a gRPC call to a path no service defines: UNIMPLEMENTED, trailers-only.</summary>
internal sealed class UnimplementedMethodHandler(string path) : MethodHandler(path)
{
    public override Task HandleAsync(GrpcCall call) =>
        throw new RpcException(StatusCode.Unimplemented, "Method is unimplemented.");
}
