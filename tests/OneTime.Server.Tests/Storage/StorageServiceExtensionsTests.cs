using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Memory;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage;

public sealed class StorageServiceExtensionsTests
{
    [Fact]
    public async Task AddSecretStore_NoConfiguration_UsesTheMemoryStoreWithDefaults()
    {
        using var host = await StartAsync([]);

        var store = host.Services.GetRequiredService<ISecretStore>();

        Assert.IsType<MemorySecretStore>(store);
        Assert.Same(store, host.Services.GetRequiredService<IStoreHealth>());
        Assert.Equal(256L * 1024 * 1024, host.Services.GetRequiredService<IOptions<MemoryStoreOptions>>().Value.MaxTotalBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<MemoryStoreOptions>>().Value.SweepInterval);
    }

    [Fact]
    public async Task AddSecretStore_RedisWhileRedisIsDown_StartsAndReportsUnhealthy()
    {
        using var host = await StartAsync(new()
        {
            ["OneTime:Store"] = "Redis",
            ["OneTime:Redis:Url"] = "redis://127.0.0.1:1/0", // nothing listens on port 1
            ["OneTime:Redis:KeyPrefix"] = "test:",
        });

        var store = host.Services.GetRequiredService<ISecretStore>();

        Assert.IsType<RedisSecretStore>(store);
        Assert.False(await host.Services.GetRequiredService<IStoreHealth>().PingAsync(default));
    }

    [Fact]
    public async Task AddSecretStore_UnknownStore_FailsAtStartWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["OneTime:Store"] = "postgres" }));

        Assert.Contains("OneTime:Store must be \"memory\" or \"redis\"", error.Message);
    }

    [Fact]
    public async Task AddSecretStore_BadRedisUrl_FailsAtStartWithoutThePassword()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["OneTime:Store"] = "redis",
            ["OneTime:Redis:Url"] = "redis://:hunter2@localhost/notanumber",
        }));

        Assert.Contains("OneTime:Redis:Url", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task AddSecretStore_BadRedisSettings_FailsAtStartWithOneLineEach()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["OneTime:Store"] = "redis",
            ["OneTime:Redis:Configuration"] = "localhost:6379,password=hunter2,syncTimeout=never",
            ["OneTime:Redis:ReplicasToAcknowledge"] = "-1",
            ["OneTime:Redis:ReplicaAckTimeout"] = "00:00:10",
        }));

        Assert.Contains("OneTime:Redis:Configuration", error.Message);
        Assert.Contains("OneTime:Redis:ReplicasToAcknowledge", error.Message);
        Assert.Contains("OneTime:Redis:ReplicaAckTimeout", error.Message);
        Assert.Equal(3, error.Failures.Count());
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task AddSecretStore_MemoryStoreWithLeftoverBadRedisUrl_Starts()
    {
        using var host = await StartAsync(new() { ["OneTime:Redis:Url"] = "not a url" });

        Assert.IsType<MemorySecretStore>(host.Services.GetRequiredService<ISecretStore>());
    }

    [Fact]
    public async Task AddSecretStore_NonPositiveMemoryCap_FailsAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["OneTime:Memory:MaxTotalBytes"] = "0" }));

        Assert.Contains("OneTime:Memory:MaxTotalBytes", error.Message);
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSecretStore();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
