using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Quota;

internal static class QuotaExtensions
{
    /// <summary>
    /// Registers the <see cref="IStorageQuota"/> that fits the store: counters in this process beside the memory
    /// store, counters in the same Redis (shared by every server) beside the Redis store, none when disabled.
    /// </summary>
    public static IServiceCollection AddStorageQuota(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>()
            .BindConfiguration(QuotaOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>());
        services.TryAddSingleton<IStorageQuota>(CreateQuota);
        return services;
    }

    private static IStorageQuota CreateQuota(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<QuotaOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return !options.Enabled ? new UnlimitedQuota()
            : services.GetRequiredService<ISecretStore>() is RedisSecretStore redis
                ? new RedisStorageQuota(redis.Coalescer, redis.KeyPrefix, redis.Endpoints, options, time, redis.Logins)
                : new MemoryStorageQuota(options, time);
    }
}
