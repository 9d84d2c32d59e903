using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Sends the commands of concurrent calls to Redis together: each call queues its command, and one thread-pool work
/// item writes everything queued by then as one <see cref="IBatch"/> (one write, one flush) on the multiplexer.
/// </summary>
/// <remarks>
/// The multiplexer flushes each command it is given on its own. Under load that is a send per command, and Redis, on
/// the same cores, then reads and answers them one at a time too. Queuing costs a call one hop through the thread
/// pool; while that hop waits behind other work, more calls queue behind it, so the busier the server, the more
/// commands share a write (group commit). Each command keeps its own task, reply and failure, exactly as if it had
/// been sent alone, and the order of commands is the order they were queued.
/// </remarks>
internal sealed class RedisWriteCoalescer(IDatabase database) : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<QueuedCommand> _queue = new();
    private int _scheduled; // 1 from the moment a drain is queued until it starts taking commands

    /// <summary><c>SET key value PX ttl NX</c>: true when stored, false when the key existed.</summary>
    public Task<bool> SetIfNotExistsAsync(RedisKey key, RedisValue value, TimeSpan timeToLive) =>
        Enqueue(new SetIfNotExists(key, value, timeToLive));

    /// <summary><c>GETDEL key</c>.</summary>
    public Task<RedisValue> GetDeleteAsync(RedisKey key) => Enqueue(new GetDelete(key));

    /// <summary><c>GETRANGE key start end</c> (both inclusive); empty when there is no key.</summary>
    public Task<RedisValue> GetRangeAsync(RedisKey key, long start, long end) => Enqueue(new GetRange(key, start, end));

    /// <summary><c>SET key value XX KEEPTTL GET</c>: the value it replaced, or null (and nothing set) when there was none.</summary>
    public Task<RedisValue> ReplaceKeepingExpiryAsync(RedisKey key, RedisValue value) => Enqueue(new ReplaceKeepingExpiry(key, value));

    /// <summary>
    /// A Lua script over its keys and arguments, sent as <c>EVALSHA</c> of its SHA-1. A node that answers
    /// <c>NOSCRIPT</c> (a restarted Redis, <c>SCRIPT FLUSH</c>, a failover to a replica that never loaded it) did not
    /// run it, so the call is sent once more on its own, where the library loads the script first.
    /// </summary>
    /// <remarks>
    /// Not the library's <see cref="IDatabaseAsync.ScriptEvaluateAsync(string, RedisKey[], RedisValue[], CommandFlags)"/>
    /// inside the batch: on <c>NOSCRIPT</c> it re-queues the command into the same batch, which has already been sent, and
    /// the call would never complete.
    /// </remarks>
    public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values) =>
        Enqueue(new Script(database, script, Sha1Of(script), keys, values));

    // The few scripts are constants: found by reference, hashed once.
    private static readonly ConcurrentDictionary<string, byte[]> ScriptHashes = new(ReferenceEqualityComparer.Instance);

    private static byte[] Sha1Of(string script) =>
        ScriptHashes.GetOrAdd(script, static text => SHA1.HashData(Encoding.UTF8.GetBytes(text))); // the name Redis gives it

    /// <summary>A command with one key, e.g. <c>PTTL key</c>.</summary>
    public Task<RedisResult> ExecuteAsync(string command, RedisKey key) => Enqueue(new KeyCommand(command, key));

    void IThreadPoolWorkItem.Execute()
    {
        // Cleared before taking, so a command queued while this drain runs schedules the next one rather than waiting.
        Volatile.Write(ref _scheduled, 0);
        if (_queue.IsEmpty)
        {
            return;
        }

        var batch = database.CreateBatch();
        var sent = new List<QueuedCommand>();
        try
        {
            while (_queue.TryDequeue(out var command))
            {
                sent.Add(command);
                command.SendTo(batch);
            }

            batch.Execute();
        }
        catch (Exception exception)
        {
            // Not expected (the library reports a lost connection through each command's task), but a work item must
            // not throw, and no caller may wait for a reply that will never come.
            foreach (var command in sent)
            {
                command.Fail(exception);
            }
        }
    }

    private Task<T> Enqueue<T>(QueuedCommand<T> command)
    {
        _queue.Enqueue(command);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return command.Task;
    }

    private abstract class QueuedCommand
    {
        public abstract void SendTo(IBatch batch);

        public abstract void Fail(Exception exception);
    }

    // The caller awaits this command's own task, completed from the library's: the library runs that completion on
    // the thread pool, and the caller's continuation then runs on the same hop.
    private abstract class QueuedCommand<T> : QueuedCommand
    {
        private readonly TaskCompletionSource<T> _completion = new();

        public Task<T> Task => _completion.Task;

        public sealed override void SendTo(IBatch batch) =>
            Send(batch).ContinueWith(
                static (sent, state) => ((TaskCompletionSource<T>)state!).TrySetFromTask(sent),
                _completion,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

        public sealed override void Fail(Exception exception) => _completion.TrySetException(exception);

        protected abstract Task<T> Send(IBatch batch);
    }

    private sealed class SetIfNotExists(RedisKey key, RedisValue value, TimeSpan timeToLive) : QueuedCommand<bool>
    {
        protected override Task<bool> Send(IBatch batch) => batch.StringSetAsync(key, value, timeToLive, When.NotExists);
    }

    private sealed class GetDelete(RedisKey key) : QueuedCommand<RedisValue>
    {
        protected override Task<RedisValue> Send(IBatch batch) => batch.StringGetDeleteAsync(key);
    }

    private sealed class GetRange(RedisKey key, long start, long end) : QueuedCommand<RedisValue>
    {
        protected override Task<RedisValue> Send(IBatch batch) => batch.StringGetRangeAsync(key, start, end);
    }

    private sealed class ReplaceKeepingExpiry(RedisKey key, RedisValue value) : QueuedCommand<RedisValue>
    {
        protected override Task<RedisValue> Send(IBatch batch) => batch.StringSetAndGetAsync(key, value, null, keepTtl: true, When.Exists);
    }

    private sealed class Script(IDatabase database, string script, byte[] sha1, RedisKey[] keys, RedisValue[] values) : QueuedCommand<RedisResult>
    {
        protected override Task<RedisResult> Send(IBatch batch) => SendAsync(batch.ScriptEvaluateAsync(sha1, keys, values));

        private async Task<RedisResult> SendAsync(Task<RedisResult> batched)
        {
            try
            {
                return await batched.ConfigureAwait(false);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
            {
                return await database.ScriptEvaluateAsync(script, keys, values).ConfigureAwait(false);
            }
        }
    }

    private sealed class KeyCommand(string command, RedisKey key) : QueuedCommand<RedisResult>
    {
        protected override Task<RedisResult> Send(IBatch batch) => batch.ExecuteAsync(command, key);
    }
}
