using OneTime.Testing;

namespace OneTime.Client.EndToEndTests;

/// The real server on free loopback ports, with its own real redis-server when the store is "redis".
internal sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly RedisServer? _redis;

    private ServerUnderTest(OneTimeTestServer server, RedisServer? redis)
    {
        Server = server;
        _redis = redis;
    }

    public OneTimeTestServer Server { get; }

    public Uri WebUri => Server.WebUri;

    public Uri GrpcUri => Server.GrpcUri;

    /// <summary>The server's own redis-server when the store is "redis", for what a test arranges behind its back.</summary>
    public RedisServer? Redis => _redis;

    public static async Task<ServerUnderTest> StartAsync(string store = "memory", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var redis = store == "redis" ? await RedisServer.StartNewAsync() : null;
        try
        {
            return new ServerUnderTest(await OneTimeTestServer.StartAsync(store, redis?.Url, settings), redis);
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
