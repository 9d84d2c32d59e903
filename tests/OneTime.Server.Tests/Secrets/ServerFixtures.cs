using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;

namespace OneTime.Server.Tests.Secrets;

/// <summary>One real server with the memory store, shared by a test class.</summary>
public sealed class MemoryStoreServerFixture : IAsyncLifetime
{
    public OneTimeTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await OneTimeTestServer.StartAsync("memory");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>One real server on the Redis store, with its own real redis-server, shared by a test class.</summary>
public sealed class RedisStoreServerFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public OneTimeTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        Server = await OneTimeTestServer.StartAsync("redis", Redis.Url);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
