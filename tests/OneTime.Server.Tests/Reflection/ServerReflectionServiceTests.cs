using OneTime.Server.Reflection;
using OneTime.Server.Reflection.V1;
using OneTime.V1;
using StatusCode = OneTime.Server.Grpc.StatusCode;

namespace OneTime.Server.Tests.Reflection;

public sealed class ServerReflectionServiceTests
{
    private readonly ServerReflectionService _service = new(new DescriptorIndex(
        [SecretsReflection.Descriptor.Services[0], ServerReflectionService.V1Descriptor]));

    [Fact]
    public void FileContainingSymbol_RequestMessage_IncludesWellKnownDependencies()
    {
        var response = _service.Answer(new ServerReflectionRequest { Host = "h", FileContainingSymbol = "onetime.v1.StoreRequest" });

        var names = response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name)
            .ToList();
        Assert.Equal("onetime/v1/secrets.proto", names[0]);
        Assert.Contains("google/protobuf/duration.proto", names);
        Assert.Contains("google/protobuf/timestamp.proto", names);
        Assert.Equal("h", response.ValidHost);
    }

    [Theory]
    [InlineData("onetime.v1.SecretService")]
    [InlineData("onetime.v1.SecretService.Store")]
    [InlineData(".onetime.v1.StoreResponse")]
    [InlineData("onetime.v1.StoreRequest.ttl")]
    public void FileContainingSymbol_KnownSymbol_AnswersItsFile(string symbol)
    {
        var response = _service.Answer(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
    }

    [Fact]
    public void FileContainingSymbol_EnumValue_AnswersItsFile()
    {
        var service = new ServerReflectionService(new DescriptorIndex([OneTime.Server.Health.V1.HealthReflection.Descriptor.Services[0]]));

        var response = service.Answer(new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.SERVING" });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
    }

    [Fact]
    public void FileByFilename_Unknown_AnswersNotFound()
    {
        var response = _service.Answer(new ServerReflectionRequest { FileByFilename = "nope.proto" });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public void ListServices_ListsRegisteredServices()
    {
        var response = _service.Answer(new ServerReflectionRequest { ListServices = "*" });

        Assert.Equal(
            ["grpc.reflection.v1.ServerReflection", "onetime.v1.SecretService"],
            response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public void AllExtensionNumbersOfType_KnownMessage_AnswersNone()
    {
        var response = _service.Answer(new ServerReflectionRequest { AllExtensionNumbersOfType = "onetime.v1.StoreRequest" });

        Assert.Equal("onetime.v1.StoreRequest", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }
}
