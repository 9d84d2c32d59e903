using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTime.Server.Storage.Memory;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Storage;

public static class StorageServiceExtensions
{
    /// <summary>
    /// Registers the <see cref="ISecretStore"/> (and its <see cref="IStoreHealth"/>) chosen by <c>OneTime:Store</c>,
    /// with options bound from <c>OneTime</c>, <c>OneTime:Memory</c> and <c>OneTime:Redis</c> and validated at
    /// start-up. The Redis store connects lazily, so the server starts while Redis is down.
    /// </summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.SectionName)
            .Validate(o => o.IsKnownStore, "OneTime:Store must be \"memory\" or \"redis\".")
            .ValidateOnStart();
        services.AddOptions<MemoryStoreOptions>()
            .BindConfiguration(MemoryStoreOptions.SectionName)
            .Validate(o => o.MaxTotalBytes > 0, "OneTime:Memory:MaxTotalBytes must be a positive number of bytes.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "OneTime:Memory:SweepInterval must be a positive time span, such as 00:00:30.")
            .ValidateOnStart();
        services.AddOptions<RedisStoreOptions>()
            .BindConfiguration(RedisStoreOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStoreOptions>, RedisStoreOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretStore>(CreateStore);
        services.TryAddSingleton(sp => (IStoreHealth)sp.GetRequiredService<ISecretStore>());
        return services;
    }

    private static ISecretStore CreateStore(IServiceProvider services)
    {
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var oneTime = services.GetRequiredService<IOptions<OneTimeOptions>>().Value;
        var rules = new SecretRules(oneTime.MaxWrongAttempts, oneTime.ReadReceipts);
        if (!services.GetRequiredService<IOptions<StoreOptions>>().Value.UsesRedis)
        {
            return new MemorySecretStore(services.GetRequiredService<IOptions<MemoryStoreOptions>>().Value, timeProvider, rules);
        }

        var redis = services.GetRequiredService<IOptions<RedisStoreOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisSecretStore).FullName!);
        return RedisSecretStore.Connect(redis, RedisConfiguration.Create(redis), logger, rules, timeProvider);
    }
}
