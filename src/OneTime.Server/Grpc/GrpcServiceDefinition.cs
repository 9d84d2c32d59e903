using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Grpc;

/// <summary>The method table of one service: every method of its descriptor, each with its handler.</summary>
public sealed partial class GrpcServiceDefinition
{
    private GrpcServiceDefinition(ServiceDescriptor descriptor, IReadOnlyList<MethodHandler> methods)
    {
        Descriptor = descriptor;
        Methods = methods;
    }

    public ServiceDescriptor Descriptor { get; }

    /// <summary>The path prefix every method of the service shares: <c>/{package.Service}/</c>.</summary>
    internal string PathPrefix => "/" + Descriptor.FullName + "/";

    internal IReadOnlyList<MethodHandler> Methods { get; }

    /// <summary>Starts a method table for <paramref name="descriptor"/> (e.g. <c>SecretsReflection.Descriptor.Services[0]</c>).</summary>
    public static Builder CreateBuilder(ServiceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new Builder(descriptor);
    }
}
