using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class GrpcContentTypeTests
{
    [Theory]
    [InlineData("application/grpc", nameof(GrpcWireFormat.Grpc))]
    [InlineData("application/grpc+proto", nameof(GrpcWireFormat.Grpc))]
    [InlineData("APPLICATION/GRPC", nameof(GrpcWireFormat.Grpc))]
    [InlineData("application/grpc; charset=utf-8", nameof(GrpcWireFormat.Grpc))]
    [InlineData("application/grpc-web", nameof(GrpcWireFormat.GrpcWeb))]
    [InlineData("application/grpc-web+proto", nameof(GrpcWireFormat.GrpcWeb))]
    [InlineData("application/grpc-web-text", nameof(GrpcWireFormat.GrpcWebText))]
    [InlineData("application/grpc-web-text+proto; charset=utf-8", nameof(GrpcWireFormat.GrpcWebText))]
    [InlineData("application/grpc+json", nameof(GrpcWireFormat.None))]
    [InlineData("application/grpc-web+json", nameof(GrpcWireFormat.None))]
    [InlineData("application/grpcx", nameof(GrpcWireFormat.None))]
    [InlineData("application/json", nameof(GrpcWireFormat.None))]
    [InlineData("", nameof(GrpcWireFormat.None))]
    [InlineData(null, nameof(GrpcWireFormat.None))]
    public void Parse_ContentType_ReturnsWireFormat(string? contentType, string expected)
    {
        // Act
        var format = GrpcContentType.Parse(contentType);

        // Assert
        Assert.Equal(expected, format.ToString());
    }
}
