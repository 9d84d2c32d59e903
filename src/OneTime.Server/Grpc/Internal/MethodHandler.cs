namespace OneTime.Server.Grpc.Internal;

/// <summary>One entry of the method table: how to run a call to <see cref="Path"/> (<c>/package.Service/Method</c>).</summary>
internal abstract class MethodHandler(string path)
{
    public string Path { get; } = path;

    /// <summary>Reads the request, runs the method and writes its messages; status handling is the caller's.</summary>
    public abstract Task HandleAsync(GrpcCall call);
}
