using OneTime.Server.Storage;
using OneTime.Server.Storage.Memory;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Memory;

public sealed class MemorySecretStoreContractTests : SecretStoreContractTests
{
    private readonly ManualTimeProvider _clock = new();

    protected override TimeSpan ShortTimeToLive => TimeSpan.FromMinutes(1);

    protected override int LargeValueSize => 4 * 1024 * 1024;

    protected override Task<ISecretStore> CreateStoreAsync(SecretRules rules) => Task.FromResult<ISecretStore>(
        new MemorySecretStore(new MemoryStoreOptions { MaxTotalBytes = 64L * 1024 * 1024 }, _clock, rules));

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _clock.Advance(duration);
        return Task.CompletedTask;
    }
}
