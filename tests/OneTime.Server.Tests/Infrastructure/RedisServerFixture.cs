using OneTime.Testing;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>One <see cref="RedisServer"/> shared by the tests of a class (<c>IClassFixture&lt;RedisServerFixture&gt;</c>).</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started yet.");

    public async Task InitializeAsync() => _server = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
