using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using OneTime.Server.Grpc;
using V1 = OneTime.Server.Reflection.V1;
using V1Alpha = OneTime.Server.Reflection.V1Alpha;

namespace OneTime.Server.Reflection;

/// <summary>
/// grpc.reflection.v1 and v1alpha ServerReflectionInfo (grpc/grpc doc/server-reflection.md): one answer per request
/// on a bidirectional stream, from the generated descriptors. v1alpha shares every message and field number with v1,
/// so its messages are answered through v1 by re-reading the same bytes.
/// </summary>
internal sealed class ServerReflectionService(DescriptorIndex index)
{
    public static ServiceDescriptor V1Descriptor => V1.ReflectionReflection.Descriptor.Services[0];

    public static ServiceDescriptor V1AlphaDescriptor => V1Alpha.ReflectionReflection.Descriptor.Services[0];

    public GrpcServiceDefinition CreateV1Definition() =>
        GrpcServiceDefinition.CreateBuilder(V1Descriptor)
            .AddDuplexStreamingMethod<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", InfoV1Async)
            .Build();

    public GrpcServiceDefinition CreateV1AlphaDefinition() =>
        GrpcServiceDefinition.CreateBuilder(V1AlphaDescriptor)
            .AddDuplexStreamingMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", InfoV1AlphaAsync)
            .Build();

    public V1.ServerReflectionResponse Answer(V1.ServerReflectionRequest request)
    {
        var response = new V1.ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new V1.ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(name => new V1.ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.TryGetFileByName(request.FileByFilename, out var byName) ? byName : null,
                    $"File not found: {request.FileByFilename}");
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.TryGetFileBySymbol(request.FileContainingSymbol, out var bySymbol) ? bySymbol : null,
                    $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                // None of the served files declare extensions.
                SetError(response, StatusCode.NotFound, "Extension not found.");
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var type = request.AllExtensionNumbersOfType;
                if (index.IsMessageType(type))
                {
                    response.AllExtensionNumbersResponse = new V1.ExtensionNumberResponse { BaseTypeName = type.TrimStart('.') };
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {type}");
                }

                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "No reflection request was set.");
                break;
        }

        return response;
    }

    private async Task InfoV1Async(
        IAsyncEnumerable<V1.ServerReflectionRequest> requests,
        IServerStreamWriter<V1.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        await foreach (var request in requests)
        {
            await responses.WriteAsync(Answer(request));
        }
    }

    private async Task InfoV1AlphaAsync(
        IAsyncEnumerable<V1Alpha.ServerReflectionRequest> requests,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        await foreach (var request in requests)
        {
            var answer = Answer(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
        }
    }

    private static void SetFile(V1.ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        // The file and everything it imports, so a client with no schema can resolve every type in one answer.
        var files = new V1.FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(V1.ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new V1.ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
