using System.Diagnostics;
using System.Globalization;

namespace OneTime.Soak;

/// <summary>One look at the server: /proc for memory, descriptors and threads, its /metrics for the rest.</summary>
internal sealed record ResourceSample(double At, int ProcessId, long RssBytes, int OpenFds, int Threads, double? ThreadPoolQueue, double? Connections);

/// <summary>
/// Samples the server every <see cref="Interval"/>. The thread-pool queue length is read from /metrics when the
/// server exports .NET's runtime meter there (<c>dotnet_thread_pool_queue_length</c>); it is blank otherwise.
/// </summary>
internal sealed class ResourceSampler(ServerProcess server, long start)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly List<ResourceSample> _samples = [];
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public IReadOnlyList<ResourceSample> Samples { get { lock (_samples) return [.. _samples]; } }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await SampleAsync();
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try { return await timer.WaitForNextTickAsync(cancellationToken); }
        catch (OperationCanceledException) { return false; }
    }

    public async Task SampleAsync()
    {
        var pid = server.ProcessId;
        var port = server.Ports.Management;
        if (server.Resources() is not { } resources || port == 0) return;
        double? queue = null, connections = null;
        try
        {
            var metrics = await _client.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            queue = Sum(metrics, "dotnet_thread_pool_queue_length_total"); // an up-down counter, exported as a counter
            connections = Sum(metrics, "kestrel_active_connections");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Restarting: the /proc figures still count.
        }

        lock (_samples)
        {
            _samples.Add(new ResourceSample(Stopwatch.GetElapsedTime(start).TotalSeconds, pid, resources.RssBytes, resources.OpenFds,
                resources.Threads, queue, connections));
        }
    }

    // The sum over a metric's series in the Prometheus text format, or null when the server does not export it.
    private static double? Sum(string metrics, string name)
    {
        double? sum = null;
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || (line[name.Length] != ' ' && line[name.Length] != '{')) continue;
            // name{labels} value [timestamp]; label values may hold spaces, so the value is read after the '}'.
            var rest = line[name.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
            var value = rest.Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) sum = (sum ?? 0) + number;
        }

        return sum;
    }
}
