using OneTime.Server.Storage;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RedisSecretStoreContractTests(RedisServerFixture redis) : SecretStoreContractTests, IClassFixture<RedisServerFixture>
{
    protected override TimeSpan ShortTimeToLive => TimeSpan.FromMilliseconds(150);

    protected override int LargeValueSize => 4 * 1024 * 1024;

    protected override Task<ISecretStore> CreateStoreAsync() => Task.FromResult<ISecretStore>(RedisStores.Create(redis.Server.Url));

    // Redis expires keys by its own clock: a key past its PX is gone for every command that looks at it.
    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);
}
