using System.Diagnostics;
using System.Text;
using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>A long-running process (the server, a proxy) whose output is kept for failure messages; killed on dispose.</summary>
internal sealed class BackgroundProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name => Path.GetFileName(_process.StartInfo.FileName);

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static BackgroundProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new BackgroundProcess(Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>
    /// Waits until the process's own output has <paramref name="marker"/>, which it writes once it has bound its ports:
    /// something else answering on them (another process that took a port first) is not this process being ready.
    /// </summary>
    /// <param name="ports">The free ports it was given: if it says it could not bind one, it throws <see cref="PortTakenException"/>.</param>
    public Task WaitForOutputAsync(string marker, params int[] ports) => WaitUntilAsync(ports, () => Task.FromResult(Output.Contains(marker, StringComparison.Ordinal)), $"\"{marker}\"");

    /// <summary>Waits until <paramref name="url"/> answers 200.</summary>
    public Task WaitForOkAsync(Uri url) => WaitUntilAsync([], async () =>
    {
        using var http = new HttpClient();
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, url.ToString());

    private async Task WaitUntilAsync(int[] ports, Func<Task<bool>> ready, string what)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // the output is read to its end
                var message = $"{Name} exited with {_process.ExitCode} before {what} was ready:\n{Output}";
                throw FreePorts.SaysPortTaken(Output, ports) ? new PortTakenException(message) : new InvalidOperationException(message);
            }

            if (await ready()) return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name}: {what} was not ready in {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
