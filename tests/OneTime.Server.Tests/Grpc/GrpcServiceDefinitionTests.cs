using OneTime.Server.Grpc;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

public sealed class GrpcServiceDefinitionTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = SecretsReflection.Descriptor.Services[0];

    [Fact]
    public void AddUnaryMethod_UnknownName_Throws()
    {
        // Arrange
        var builder = GrpcServiceDefinition.CreateBuilder(Service);

        // Act + Assert
        Assert.Throws<ArgumentException>(() => builder.AddUnaryMethod<StoreRequest, StoreResponse>("Delete", Store));
    }

    [Fact]
    public void AddUnaryMethod_TypesDoNotMatchDescriptor_Throws()
    {
        // Arrange
        var builder = GrpcServiceDefinition.CreateBuilder(Service);

        // Act + Assert
        Assert.Throws<ArgumentException>(() => builder.AddUnaryMethod<ExistsRequest, StoreResponse>("Store", (_, _) => default));
        Assert.Throws<ArgumentException>(() => builder.AddUnaryMethod<StoreRequest, ExistsResponse>("Store", (_, _) => default));
    }

    [Fact]
    public void AddUnaryMethod_Twice_Throws()
    {
        // Arrange
        var builder = GrpcServiceDefinition.CreateBuilder(Service).AddUnaryMethod<StoreRequest, StoreResponse>("Store", Store);

        // Act + Assert
        Assert.Throws<ArgumentException>(() => builder.AddUnaryMethod<StoreRequest, StoreResponse>("Store", Store));
    }

    [Fact]
    public void Build_MethodWithoutHandler_Throws()
    {
        // Arrange
        var builder = GrpcServiceDefinition.CreateBuilder(Service).AddUnaryMethod<StoreRequest, StoreResponse>("Store", Store);

        // Act + Assert
        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void Build_EveryMethodBound_ReturnsDefinition()
    {
        // Act
        var definition = GrpcServiceDefinition.CreateBuilder(Service)
            .AddUnaryMethod<StoreRequest, StoreResponse>("Store", Store)
            .AddUnaryMethod<RetrieveRequest, RetrieveResponse>("Retrieve", (_, _) => default)
            .AddUnaryMethod<ExistsRequest, ExistsResponse>("Exists", (_, _) => default)
            .Build();

        // Assert
        Assert.Equal("onetime.v1.SecretService", definition.Descriptor.FullName);
    }

    private static ValueTask<StoreResponse> Store(StoreRequest request, ServerCallContext context) => ValueTask.FromResult(new StoreResponse());
}
