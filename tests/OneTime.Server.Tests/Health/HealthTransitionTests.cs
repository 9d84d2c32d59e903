using System.Net;
using Grpc.Health.V1;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using StatusCode = Grpc.Core.StatusCode;

namespace OneTime.Server.Tests.Health;

/// <summary>gRPC health and the HTTP probes follow a real redis-server as it is stopped and started again.</summary>
public sealed class HealthTransitionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, string?> FastPolling = new() { ["OneTime:Health:PollInterval"] = "00:00:01" };

    [Fact]
    public async Task RedisStoppedAndRestarted_HealthFollows()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var server = await OneTimeTestServer.StartAsync("redis", redis.Url, FastPolling);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        using var http = new HttpClient { BaseAddress = server.WebUri };
        await using var watch = await WatchStream.OpenAsync(server.GrpcUri, "onetime.v1.SecretService");

        Assert.Equal(ServingStatus.Serving, await NextKnownAsync(watch));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, ""));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        await redis.StopAsync();
        Assert.Equal(ServingStatus.NotServing, await watch.NextAsync(Patience));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(client, ""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(client, "onetime.v1.SecretService"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        await redis.StartAsync();
        Assert.Equal(ServingStatus.Serving, await watch.NextAsync(Patience));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, "onetime.v1.SecretService"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Check_UnknownService_IsNotFound()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);

        var response = await client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = "nope.v1.Nothing" });

        Assert.Equal(StatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Watch_UnknownService_SendsServiceUnknown()
    {
        await using var server = await OneTimeTestServer.StartAsync();
        await using var watch = await WatchStream.OpenAsync(server.GrpcUri, "nope.v1.Nothing");

        Assert.Equal(ServingStatus.ServiceUnknown, await watch.NextAsync(Patience));
    }

    [Fact]
    public async Task Watch_ServerStopping_SendsNotServingAndEnds()
    {
        var server = await OneTimeTestServer.StartAsync(settings: FastPolling);
        await using var watch = await WatchStream.OpenAsync(server.GrpcUri, "");
        Assert.Equal(ServingStatus.Serving, await NextKnownAsync(watch));

        var stopped = server.DisposeAsync().AsTask();

        Assert.Equal(ServingStatus.NotServing, await watch.NextAsync(Patience));
        await stopped.WaitAsync(Patience);
    }

    private static async Task<ServingStatus> CheckAsync(GrpcTestClient client, string service)
    {
        var response = await client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = service });
        Assert.Equal(StatusCode.OK, response.Status);
        return HealthCheckResponse.Parser.ParseFrom(response.Messages.Single()).Status;
    }

    // The first answer may come before the monitor's first ping: UNKNOWN, then the real status.
    private static async Task<ServingStatus> NextKnownAsync(WatchStream watch)
    {
        var status = await watch.NextAsync(Patience);
        return status == ServingStatus.Unknown ? await watch.NextAsync(Patience) : status;
    }
}
