using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace OneTime.Soak;

/// <summary>
/// The server as a separate process on 127.0.0.1 ports the OS picks (port 0), found again from its "Now listening on"
/// lines after each start; <see cref="StopGracefullyAsync"/> sends SIGTERM, as systemd and Docker do. Killed on dispose.
/// </summary>
internal sealed partial class ServerProcess(ServerBuild build, IReadOnlyDictionary<string, string> environment, string logDirectory) : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private Process? _process;
    private StreamWriter? _log;
    private int _starts;

    public ServerPorts Ports { get; private set; } = ServerPorts.None;

    public int ProcessId => _process?.Id ?? 0;

    public async Task StartAsync()
    {
        var (fileName, arguments) = build.Command;
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        // Port 0 for every endpoint: a restart gets new ports, which the clients' connect callbacks follow.
        start.Environment["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0";
        start.Environment["Kestrel__Endpoints__Management__Url"] = "http://127.0.0.1:0";

        _log = new StreamWriter(Path.Combine(logDirectory, $"server-{++_starts}.log")) { AutoFlush = true };
        var listening = new List<int>();
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        _process = process;
        var log = _log;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.WriteLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                lock (listening)
                {
                    listening.Add(int.Parse(match.Groups[1].Value));
                    if (listening.Count == 3) allListening.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(allListening.Task, exited, Task.Delay(StartTimeout)) != allListening.Task)
        {
            throw new InvalidOperationException($"The server did not listen on its three endpoints (see {logDirectory}/server-{_starts}.log).");
        }

        int[] ports;
        lock (listening) ports = [.. listening];
        Ports = await ServerPorts.IdentifyAsync(ports);
    }

    /// <summary>SIGTERM, then the wait for the process to exit; returns its exit code and how long the drain took.</summary>
    public async Task<(int ExitCode, TimeSpan Drain)> StopGracefullyAsync(TimeSpan bound)
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        var started = Stopwatch.GetTimestamp();
        if (Kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _process = null;
            Ports = ServerPorts.None;
        }

        var exitCode = process.ExitCode;
        process.Dispose();
        return (exitCode, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Resident memory in bytes, open file descriptors and threads, from /proc; null once it has exited.</summary>
    public (long RssBytes, int OpenFds, int Threads)? Resources()
    {
        if (_process is not { HasExited: false } process) return null;
        try
        {
            var status = File.ReadAllLines($"/proc/{process.Id}/status");
            long Field(string name) => long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0]);
            return (Field("VmRSS") * 1024, Directory.GetFileSystemEntries($"/proc/{process.Id}/fd").Length, (int)Field("Threads"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null; // it exited between the check and the read
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }

        _log?.Dispose();
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
