namespace OneTime.Server.Tests.Grpc;

/// <summary>Functional test classes share one server and run one after another (their log assertions rely on it).</summary>
[CollectionDefinition(Name)]
public sealed class GrpcServerCollection : ICollectionFixture<GrpcServerFixture>
{
    public const string Name = "gRPC server";
}
