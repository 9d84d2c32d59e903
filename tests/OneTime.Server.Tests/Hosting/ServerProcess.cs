using System.Diagnostics;
using System.Text;

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
