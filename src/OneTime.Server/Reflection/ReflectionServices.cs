using OneTime.Server.Grpc;

namespace OneTime.Server.Reflection;

internal static class ReflectionServices
{
    /// <summary>
    /// Returns <paramref name="services"/> plus grpc.reflection.v1 and v1alpha describing all of them and
    /// themselves, so grpcurl and <c>buf curl</c> need no .proto files.
    /// </summary>
    public static GrpcServiceDefinition[] WithReflection(params GrpcServiceDefinition[] services)
    {
        var index = new DescriptorIndex(
            [.. services.Select(s => s.Descriptor), ServerReflectionService.V1Descriptor, ServerReflectionService.V1AlphaDescriptor]);
        var reflection = new ServerReflectionService(index);
        return [.. services, reflection.CreateV1Definition(), reflection.CreateV1AlphaDefinition()];
    }
}
