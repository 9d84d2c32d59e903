using System.Collections.Concurrent;
using System.Security.Cryptography;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;
using OneTime.Testing;

namespace OneTime.Server.Tests.Storage.Redis.Topology;

/// <summary>Sentinel promotes the replica while Stores and Retrieves are under way; the store follows by itself.</summary>
public sealed class RedisSentinelFailoverTests
{
    private const int Workers = 8;

    [Fact]
    public async Task StoreAndTake_PrimaryKilledUnderLoad_FollowsThePromotionNothingReadTwiceNothingAcknowledgedLost()
    {
        await using var set = await RedisSentinelSet.StartAsync();
        await using var store = TopologyStores.Create(set.Configuration, replicasToAcknowledge: 1);
        var load = new Load(store);
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => load.RunAsync(stop.Token))).ToArray();
        try
        {
            await FailOverUnderLoadAsync(set, load);
        }
        finally
        {
            // Also when the failover did not happen in time: no worker keeps calling a store being disposed.
            stop.Cancel();
            await Task.WhenAll(workers);
        }

        await load.DrainAsync();

        Assert.Empty(load.Unexpected);
        Assert.Empty(load.ReadTwice);
        Assert.Empty(load.Lost);
        Assert.True(load.Reads > 0);
    }

    private static async Task FailOverUnderLoadAsync(RedisSentinelSet set, Load load)
    {
        await RedisCli.WaitUntilAsync(() => Task.FromResult(load.Acknowledged >= 200), "200 secrets are stored before the failover");
        await set.Primary.StopAsync();
        await RedisSentinelSet.WaitUntilPrimaryAsync(set.Replica);
        // The promoted replica needs a replica of its own before anything can be acknowledged again.
        await set.AddReplicaAsync(set.Replica);
        var acknowledgedAfterFailover = load.Acknowledged + 200;
        try
        {
            await RedisCli.WaitUntilAsync(() => Task.FromResult(load.Acknowledged >= acknowledgedAfterFailover), "200 more secrets are stored after the failover");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} unexpected: {string.Join("\n", load.Unexpected.Take(3))} The store's last error: {load.LastError}");
        }
    }

    /// <summary>
    /// Each worker stores a secret and takes the oldest of its own. A Take that failed may have deleted its secret
    /// unconfirmed (lost unread: allowed); one acknowledged and never failed must be read, and nothing twice.
    /// </summary>
    private sealed class Load(RedisSecretStore store)
    {
        private readonly ConcurrentDictionary<SecretKey, byte[]> _pending = new();
        private readonly ConcurrentDictionary<SecretKey, bool> _takeFailed = new();
        private readonly ConcurrentDictionary<SecretKey, int> _reads = new();
        private int _acknowledged;

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public int Reads => _reads.Count;

        public IEnumerable<SecretKey> ReadTwice => _reads.Where(r => r.Value > 1).Select(r => r.Key);

        public ConcurrentBag<SecretKey> Lost { get; } = [];

        public string? LastError { get; private set; }

        /// <summary>Anything but "unavailable" (the only failure a failover may cause).</summary>
        public ConcurrentBag<string> Unexpected { get; } = [];

        public async Task RunAsync(CancellationToken stopping)
        {
            var mine = new Queue<SecretKey>();
            while (!stopping.IsCancellationRequested)
            {
                var key = TestKeys.NewKey();
                var value = RandomNumberGenerator.GetBytes(32);
                try
                {
                    if (await store.TryAddAsync(key, value, TopologyStores.Hour, default))
                    {
                        _pending[key] = value;
                        mine.Enqueue(key);
                        Interlocked.Increment(ref _acknowledged);
                    }
                }
                catch (StoreUnavailableException error)
                {
                    LastError = error.ToString();
                    await Task.Delay(20); // not acknowledged: never counted, never expected back
                }

                catch (Exception error)
                {
                    Unexpected.Add(error.ToString());
                    await Task.Delay(20);
                }

                if (mine.Count > 4 && mine.TryDequeue(out var oldest))
                {
                    try
                    {
                        await TakeAsync(oldest);
                    }
                    catch (Exception error)
                    {
                        Unexpected.Add(error.ToString());
                    }
                }
            }
        }

        /// <summary>Takes what is still pending, then every secret already read once more: it must be gone.</summary>
        public async Task DrainAsync()
        {
            foreach (var key in _pending.Keys)
            {
                await TopologyStores.EventuallyAsync(async () =>
                {
                    await TakeAsync(key, throwUnavailable: true);
                    return true;
                });
            }

            foreach (var key in _reads.Keys)
            {
                if (await TopologyStores.EventuallyAsync(() => store.TakeAsync(key, default).AsTask()) is not null)
                {
                    _reads.AddOrUpdate(key, 1, (_, count) => count + 1);
                }
            }
        }

        private async Task TakeAsync(SecretKey key, bool throwUnavailable = false)
        {
            if (!_pending.TryGetValue(key, out var expected))
            {
                return;
            }

            byte[]? taken;
            try
            {
                taken = await store.TakeAsync(key, default);
            }
            catch (StoreUnavailableException) when (!throwUnavailable)
            {
                _takeFailed[key] = true;
                return; // left pending: the drain tries again
            }
            catch (StoreUnavailableException)
            {
                _takeFailed[key] = true;
                throw;
            }

            _pending.TryRemove(key, out _);
            if (taken is not null)
            {
                Assert.Equal(expected, taken);
                _reads.AddOrUpdate(key, 1, (_, count) => count + 1);
            }
            else if (!_takeFailed.ContainsKey(key))
            {
                Lost.Add(key);
            }
        }
    }
}
