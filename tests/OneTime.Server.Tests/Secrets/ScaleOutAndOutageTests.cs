using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>How a team runs it: several stateless servers on one real Redis, and Redis going away and coming back.</summary>
public sealed class ScaleOutAndOutageTests
{
    [Fact]
    public async Task TwoServers_OneRedis_StoredThroughOneReadOnceThroughTheOther()
    {
        await using var team = await TwoServersOnOneRedis.StartAsync();
        var throughFirst = new SecretCalls(team.FirstClient, GrpcTestMode.Grpc);
        var throughSecond = new SecretCalls(team.SecondClient, GrpcTestMode.GrpcWeb);

        var secret = await throughFirst.StoreNewAsync();
        var exists = (await throughSecond.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var read = await throughSecond.RetrieveAsync(secret);
        var again = await throughFirst.RetrieveAsync(secret);

        Assert.True(exists.Exists);
        Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
        Assert.Equal(StatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task TwoServers_ReadRaceAcrossBoth_ExactlyOneWinner()
    {
        await using var team = await TwoServersOnOneRedis.StartAsync();
        SecretCalls[] servers = [new(team.FirstClient, GrpcTestMode.Grpc), new(team.SecondClient, GrpcTestMode.Grpc)];

        for (var round = 0; round < 10; round++)
        {
            var secret = await servers[0].StoreNewAsync();

            var responses = await Task.WhenAll(Enumerable.Range(0, 32)
                .Select(i => Task.Run(() => servers[i % 2].RetrieveAsync(secret))));

            Assert.Single(responses, r => r.Status == StatusCode.OK);
            Assert.Equal(31, responses.Count(r => r.Status == StatusCode.NotFound));
        }
    }

    [Fact]
    public async Task RedisStopped_CallsAreUnavailable_ThenServiceResumesWhenItReturns()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var server = await OneTimeTestServer.StartAsync("redis", redis.Url);
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync();

        await redis.StopAsync();
        var store = await calls.StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext, AuthToken = secret.Token });
        var retrieve = await calls.RetrieveAsync(secret);
        var exists = await calls.ExistsAsync(secret);

        Assert.All([store, retrieve, exists], r => Assert.Equal(StatusCode.Unavailable, r.Status));
        Assert.Contains("unavailable", retrieve.Message);

        await redis.StartAsync();
        // The store redials with backoff (at most seconds); the first calls after the restart may still be refused.
        var recovered = await RetryUntilAsync(() => calls.StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext, AuthToken = secret.Token }));
        var stored = recovered.Single(StoreResponse.Parser);
        var read = await calls.RetrieveAsync(new RetrieveRequest { Id = stored.Id, AuthToken = secret.Token });

        Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task UnreadSecret_AfterItsTtl_IsGone(string store)
    {
        await using var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        await using var server = await OneTimeTestServer.StartAsync(store, redis?.Url, new Dictionary<string, string?>
        {
            ["OneTime:MinTtl"] = "00:00:00.100",
            ["OneTime:Memory:SweepInterval"] = "00:00:00.100",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        var calls = new SecretCalls(client, GrpcTestMode.Grpc);
        var secret = await calls.StoreNewAsync(ttl: Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300)));
        Assert.True((await calls.ExistsAsync(secret)).Single(ExistsResponse.Parser).Exists);

        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var exists = (await calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var read = await calls.RetrieveAsync(secret);

        Assert.False(exists.Exists);
        Assert.Equal(StatusCode.NotFound, read.Status);
    }

    private static async Task<GrpcTestResponse> RetryUntilAsync(Func<Task<GrpcTestResponse>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var response = await call();
            if (response.Status != StatusCode.Unavailable || DateTime.UtcNow > deadline) return response;
            await Task.Delay(100);
        }
    }

    /// <summary>Two independent servers sharing one real redis-server, as a team scales out.</summary>
    private sealed class TwoServersOnOneRedis : IAsyncDisposable
    {
        private RedisServer _redis = null!;
        private OneTimeTestServer _first = null!;
        private OneTimeTestServer _second = null!;

        public GrpcTestClient FirstClient { get; private set; } = null!;

        public GrpcTestClient SecondClient { get; private set; } = null!;

        public static async Task<TwoServersOnOneRedis> StartAsync()
        {
            var team = new TwoServersOnOneRedis { _redis = await RedisServer.StartNewAsync() };
            team._first = await OneTimeTestServer.StartAsync("redis", team._redis.Url);
            team._second = await OneTimeTestServer.StartAsync("redis", team._redis.Url);
            team.FirstClient = new GrpcTestClient(team._first.GrpcUri, team._first.WebUri);
            team.SecondClient = new GrpcTestClient(team._second.GrpcUri, team._second.WebUri);
            return team;
        }

        public async ValueTask DisposeAsync()
        {
            FirstClient.Dispose();
            SecondClient.Dispose();
            await _first.DisposeAsync();
            await _second.DisposeAsync();
            await _redis.DisposeAsync();
        }
    }
}
