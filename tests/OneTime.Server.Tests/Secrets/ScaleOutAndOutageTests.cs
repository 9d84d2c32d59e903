using Google.Protobuf.WellKnownTypes;
using OneTime.Server.Grpc;
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
        await using var redis = await RedisServer.StartNewAsync();
        await using var first = await OneTimeTestServer.StartAsync("redis", redis.Url);
        await using var second = await OneTimeTestServer.StartAsync("redis", redis.Url);
        using var firstClient = new GrpcTestClient(first.GrpcUri, first.WebUri);
        using var secondClient = new GrpcTestClient(second.GrpcUri, second.WebUri);
        var throughFirst = new SecretCalls(firstClient, GrpcTestMode.Grpc);
        var throughSecond = new SecretCalls(secondClient, GrpcTestMode.GrpcWeb);

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
        await using var redis = await RedisServer.StartNewAsync();
        await using var first = await OneTimeTestServer.StartAsync("redis", redis.Url);
        await using var second = await OneTimeTestServer.StartAsync("redis", redis.Url);
        using var firstClient = new GrpcTestClient(first.GrpcUri, first.WebUri);
        using var secondClient = new GrpcTestClient(second.GrpcUri, second.WebUri);
        SecretCalls[] servers = [new(firstClient, GrpcTestMode.Grpc), new(secondClient, GrpcTestMode.Grpc)];

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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var response = await call();
            if (response.Status != StatusCode.Unavailable || DateTime.UtcNow > deadline) return response;
            await Task.Delay(100);
        }
    }
}
