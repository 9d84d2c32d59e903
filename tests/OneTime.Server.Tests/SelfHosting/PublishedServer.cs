using System.Diagnostics;
using System.Text.Json;
using OneTime.Testing;

namespace OneTime.Server.Tests.SelfHosting;

/// <summary>
/// The server as the Dockerfile builds it: its <c>dotnet publish</c> step (Native AOT), run once into a temporary
/// folder, then started as a process with the image's entrypoint.
/// </summary>
public sealed class PublishedServer : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("onetime-publish-").FullName;

    public async Task InitializeAsync()
    {
        var publish = DockerfilePublishArguments();
        var result = await ProcessRunner.RunAsync("dotnet", [.. publish, "--output", Directory], timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, $"dotnet publish failed: {result}");
        // Native AOT leaves one executable and no assemblies: the tests below really run compiled code.
        Assert.False(File.Exists(Path.Combine(Directory, "OneTime.Server.dll")), "The Dockerfile's publish is not Native AOT.");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var entrypoint = DockerfileEntrypoint();
        var start = new ProcessStartInfo(InDirectory(entrypoint[0]), entrypoint.Skip(1).Select(InDirectory))
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production"; // as the Dockerfile sets it
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>
    /// Starts it with <paramref name="environment"/> for <paramref name="count"/> free ports, and again on others when
    /// one was taken before it bound it; returns once it says it started (after binding every endpoint, so the ports
    /// are its own) and <paramref name="readyz"/> on them answers 200.
    /// </summary>
    public Task<(Process Process, int[] Ports)> StartOnFreePortsAsync(
        int count, Func<int[], Dictionary<string, string>> environment, Func<int[], Uri> readyz) => FreePorts.StartAsync(count, async ports =>
    {
        var server = Start(environment(ports));
        try
        {
            await WaitUntilReadyAsync(server, ports, readyz(ports));
            return (server, ports);
        }
        catch
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.Dispose();
            throw;
        }
    });

    private static async Task WaitUntilReadyAsync(Process server, int[] ports, Uri readyz)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = new System.Text.StringBuilder();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains("Application started", StringComparison.Ordinal)) break;
        }

        if (server.HasExited || !output.ToString().Contains("Application started", StringComparison.Ordinal))
        {
            await server.WaitForExitAsync(timeout.Token);
            var message = $"The server exited: {output}{await server.StandardError.ReadToEndAsync(timeout.Token)}";
            throw FreePorts.SaysPortTaken(message, ports) ? new PortTakenException(message) : new InvalidOperationException(message);
        }

        using var http = new HttpClient();
        using var response = await http.GetAsync(readyz, timeout.Token);
        Assert.True(response.IsSuccessStatusCode, $"{readyz}: {response.StatusCode}");
    }

    // The image's working directory is the publish folder, so "./X" in the entrypoint is this folder's X.
    private string InDirectory(string word) => word.StartsWith("./", StringComparison.Ordinal) ? Path.Combine(Directory, word[2..]) : word;

    /// <summary>The exec form of the Dockerfile's ENTRYPOINT, such as <c>["./OneTime.Server"]</c>.</summary>
    private static string[] DockerfileEntrypoint()
    {
        var run = DockerfileLines().Single(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        return JsonSerializer.Deserialize<string[]>(run["ENTRYPOINT ".Length..])!;
    }

    private static string[] DockerfileLines() => File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "src", "OneTime.Server", "Dockerfile"));

    /// <summary>The Dockerfile's publish step, less its --no-restore and --output (this folder instead of /app).</summary>
    private static string[] DockerfilePublishArguments()
    {
        var run = DockerfileLines().Single(line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        var words = run["RUN dotnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = words.IndexOf("--output");
        words.RemoveRange(output, 2);
        words.Remove("--no-restore");
        return [.. words];
    }
}
