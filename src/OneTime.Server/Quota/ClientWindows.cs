using System.Collections.Concurrent;

namespace OneTime.Server.Quota;

/// <summary>
/// One entry per client for the current quota window. Whoever first sees a new window drops the entries of past
/// ones, so the table holds the clients of one window (two, briefly); a charge racing with that into a past window is
/// lost with it.
/// </summary>
internal sealed class ClientWindows<T>(Func<T> create)
{
    private readonly ConcurrentDictionary<(string Client, long Window), T> _entries = new();
    private long _latestWindow;

    public int Count => _entries.Count;

    public T GetOrAdd(string client, long window)
    {
        DropPastWindows(window);
        return _entries.GetOrAdd((client, window), static (_, create) => create(), create);
    }

    public bool TryGet(string client, long window, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T entry) =>
        _entries.TryGetValue((client, window), out entry);

    private void DropPastWindows(long window)
    {
        var latest = Volatile.Read(ref _latestWindow);
        if (window <= latest || Interlocked.CompareExchange(ref _latestWindow, window, latest) != latest)
        {
            return;
        }

        foreach (var key in _entries.Keys)
        {
            if (key.Window < window)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
