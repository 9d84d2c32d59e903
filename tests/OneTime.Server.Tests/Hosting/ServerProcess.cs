using System.Diagnostics;
using System.Text;
using OneTime.Testing;

namespace OneTime.Server.Tests.Hosting;

/// <summary>The built server as a user runs it: <c>dotnet OneTime.Server.dll</c>, configured by environment variables.</summary>
internal static class ServerProcess
{
    public static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "OneTime.Server.dll");

    // How long to wait for the server to start or to stop: a guard against a hang, generous for a loaded machine.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Starts it in <paramref name="workingDirectory"/> (the build output by default). The Management endpoint goes to a
    /// free port unless the test names one, so that servers running side by side never race for appsettings.json's.
    /// </summary>
    public static Process Start(Dictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kestrel__Endpoints__Management__Url"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>
    /// Starts it on <paramref name="count"/> free ports (given to <paramref name="environment"/>), again on others when
    /// one was taken before the server bound it, and returns once it says it started, with what it wrote until then.
    /// "Application started" comes after every endpoint is bound: the ports are this process's.
    /// </summary>
    public static Task<(Process Process, int[] Ports, string Output)> StartOnFreePortsAsync(
        int count, Func<int[], Dictionary<string, string>> environment, string? workingDirectory = null) =>
        FreePorts.StartAsync(count, async ports =>
        {
            var process = Start(environment(ports), workingDirectory);
            try
            {
                return (process, ports, await ReadUntilAsync(process, "Application started"));
            }
            catch (InvalidOperationException exception) when (FreePorts.SaysPortTaken(exception.Message, ports))
            {
                process.Dispose();
                throw new PortTakenException(exception.Message);
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        });

    public static async Task<string> ReadUntilAsync(Process process, string marker)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(marker)) return output.ToString();
        }
        throw new InvalidOperationException($"The server ended before \"{marker}\":\n{output}\n{await process.StandardError.ReadToEndAsync()}");
    }

    public static async Task<string> ReadUntilExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }

    /// <summary>Stops it and returns everything it wrote to stdout from now on.</summary>
    public static async Task<string> StopAsync(Process process)
    {
        var rest = process.StandardOutput.ReadToEndAsync();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return await rest;
    }
}
