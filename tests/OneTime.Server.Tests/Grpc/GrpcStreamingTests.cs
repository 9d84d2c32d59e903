using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OneTime.Server.Grpc;
using OneTime.Server.Health.V1;
using OneTime.Server.Reflection;
using OneTime.Server.Reflection.V1;
using OneTime.Server.Tests.Infrastructure;
using ServingStatus = OneTime.Server.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OneTime.Server.Tests.Grpc;

/// <summary>
/// Server and bidirectional streaming on the gRPC layer, with handlers of the test's own bound to upstream descriptors
/// (grpc.health.v1 Watch, grpc.reflection.v1 ServerReflectionInfo).
/// </summary>
public sealed class GrpcStreamingTests
{
    private const string WatchPath = "/grpc.health.v1.Health/Watch";
    private const string InfoPath = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";

    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWeb)]
    [InlineData(GrpcTestMode.GrpcWebText)]
    public async Task ServerStreaming_ThreeWrites_ThreeFramesThenOk(GrpcTestMode mode)
    {
        await using var host = await StartAsync(async (_, responses, _) =>
        {
            foreach (var status in new[] { ServingStatus.Unknown, ServingStatus.Serving, ServingStatus.NotServing })
            {
                await responses.WriteAsync(new HealthCheckResponse { Status = status });
            }
        });
        using var client = new GrpcTestClient(host);

        var response = await client.CallAsync(WatchPath, new HealthCheckRequest(), mode);

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(
            [ServingStatus.Unknown, ServingStatus.Serving, ServingStatus.NotServing],
            response.Messages.Select(m => HealthCheckResponse.Parser.ParseFrom(m).Status));
    }

    [Theory]
    [InlineData(GrpcTestMode.Grpc)]
    [InlineData(GrpcTestMode.GrpcWeb)]
    public async Task ServerStreaming_FailsAfterAMessage_StatusInTrailers(GrpcTestMode mode)
    {
        await using var host = await StartAsync(async (_, responses, _) =>
        {
            await responses.WriteAsync(new HealthCheckResponse { Status = ServingStatus.Serving });
            throw new RpcException(StatusCode.Unavailable, "gone");
        });
        using var client = new GrpcTestClient(host);

        var response = await client.CallAsync(WatchPath, new HealthCheckRequest(), mode);

        Assert.Single(response.Messages);
        Assert.False(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unavailable, response.Status);
        Assert.Equal("gone", response.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3500)] // idle past Kestrel's body data rate grace period (2 s here): the stream must survive it
    public async Task Duplex_EachAnswerArrivesBeforeTheNextRequestIsSent(int idleMilliseconds)
    {
        await using var host = await StartAsync((_, _, _) => Task.CompletedTask,
            kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)));
        using var http = new HttpClient();
        var requestBody = new DuplexContent();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.GrpcUri, InfoPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = requestBody,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        await requestBody.Writer.WriteAsync(GrpcTestFrames.Frame(new ServerReflectionRequest { Host = "first", ListServices = "*" }));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var first = await ReadFrameAsync(body);
        await Task.Delay(idleMilliseconds);
        await requestBody.Writer.WriteAsync(GrpcTestFrames.Frame(new ServerReflectionRequest { Host = "second", ListServices = "*" }));
        var second = await ReadFrameAsync(body);
        await requestBody.Writer.CompleteAsync();
        var end = await body.ReadAsync(new byte[1]);

        Assert.Equal("first", first.ValidHost);
        Assert.Equal("second", second.ValidHost);
        Assert.Equal(0, end);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public void Builder_ShapeMismatch_Throws()
    {
        var health = HealthReflection.Descriptor.Services[0];

        var unaryAsStreaming = Assert.Throws<ArgumentException>(() => GrpcServiceDefinition.CreateBuilder(health)
            .AddServerStreamingMethod<HealthCheckRequest, HealthCheckResponse>("Check", (_, _, _) => Task.CompletedTask));
        var streamingAsUnary = Assert.Throws<ArgumentException>(() => GrpcServiceDefinition.CreateBuilder(health)
            .AddUnaryMethod<HealthCheckRequest, HealthCheckResponse>("Watch", (_, _) => default));

        Assert.Contains("is unary", unaryAsStreaming.Message);
        Assert.Contains("is server streaming", streamingAsUnary.Message);
    }

    private static Task<TestHost> StartAsync(
        ServerStreamingHandler<HealthCheckRequest, HealthCheckResponse> watch,
        Action<KestrelServerOptions>? configureKestrel = null) =>
        TestHost.StartAsync(
            services => services.AddGrpcServer(),
            app => app.UseGrpcServices(
                GrpcServiceDefinition.CreateBuilder(HealthReflection.Descriptor.Services[0])
                    .AddUnaryMethod<HealthCheckRequest, HealthCheckResponse>("Check", (_, _) => ValueTask.FromResult(new HealthCheckResponse()))
                    .AddServerStreamingMethod("Watch", watch)
                    .Build(),
                GrpcServiceDefinition.CreateBuilder(ServerReflectionService.V1Descriptor)
                    .AddDuplexStreamingMethod<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", EchoHostAsync)
                    .Build()),
            configureKestrel);

    private static async Task EchoHostAsync(
        IAsyncEnumerable<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        await foreach (var request in requests)
        {
            await responses.WriteAsync(new ServerReflectionResponse { ValidHost = request.Host });
        }
    }

    // [flag:1][length:4 big-endian][message], read as it arrives.
    private static async Task<ServerReflectionResponse> ReadFrameAsync(Stream body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var header = new byte[5];
        await body.ReadExactlyAsync(header, timeout.Token);
        var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await body.ReadExactlyAsync(message, timeout.Token);
        return ServerReflectionResponse.Parser.ParseFrom(message);
    }
}
