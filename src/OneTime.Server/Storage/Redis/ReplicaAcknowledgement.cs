using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Asks a primary, with <c>WAIT numreplicas timeout</c>, whether enough replicas applied the writes this process sent
/// it (https://redis.io/docs/latest/commands/wait/). WAIT answers for every write sent before it on the same
/// connection, and it blocks that connection while it waits; the multiplexer shares one connection per server between
/// all callers. So calls are grouped, as a database groups commits: at most one WAIT per server is out at a time; a
/// caller whose write completed while one was out joins the next, sent when that one returns, which covers every write
/// completed before it. One WAIT per group, not per call, and the connection blocks for one round trip to the
/// replicas at a time.
/// </summary>
internal sealed class ReplicaAcknowledgement(int replicas, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<EndPoint, Group> _groups = new();
    private readonly object[] _arguments =
    [
        replicas.ToString(CultureInfo.InvariantCulture),
        ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
    ];

    public int Replicas => replicas;

    /// <summary>How many replicas hold every write sent to <paramref name="server"/> before this call.</summary>
    public Task<long> WaitAsync(IServer server) =>
        _groups.GetOrAdd(server.EndPoint, static (_, state) => new Group(state.Server, state.Arguments), (Server: server, Arguments: _arguments))
            .JoinAsync();

    private sealed class Group(IServer server, object[] arguments)
    {
        private readonly Lock _gate = new();
        private bool _running;
        private TaskCompletionSource<long>? _next;

        public Task<long> JoinAsync()
        {
            lock (_gate)
            {
                if (_running)
                {
                    // The WAIT in flight may have gone out before this caller's write did: it waits for the next one.
                    _next ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                    return _next.Task;
                }

                _running = true;
            }

            var first = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = RunAsync(first);
            return first.Task;
        }

        private async Task RunAsync(TaskCompletionSource<long> group)
        {
            while (true)
            {
                try
                {
                    var reply = await server.ExecuteAsync("WAIT", arguments).ConfigureAwait(false);
                    group.TrySetResult((long)reply);
                }
                catch (Exception exception)
                {
                    group.TrySetException(exception);
                }

                lock (_gate)
                {
                    if (_next is null)
                    {
                        _running = false;
                        return;
                    }

                    group = _next;
                    _next = null;
                }
            }
        }
    }
}
