using OneTime.Server.Storage;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RedisSecretStoreContractTests(RedisServerFixture redis) : SecretStoreContractTests, IClassFixture<RedisServerFixture>
{
    // Long enough that a store, a take and a look at the receipt fit in it on a busy machine.
    protected override TimeSpan ShortTimeToLive => TimeSpan.FromSeconds(1);

    protected override int LargeValueSize => 4 * 1024 * 1024;

    protected override Task<ISecretStore> CreateStoreAsync(SecretRules rules) =>
        Task.FromResult<ISecretStore>(RedisStores.Create(RedisStores.Options(redis.Server.Url), rules: rules));

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    // Redis expires keys by its own clock: a key past its PX is gone for every command that looks at it.
    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);
}
