using System.Diagnostics;
using OneTime.Testing;

namespace OneTime.Server.Tests.SelfHosting;

/// <summary>
/// The server as the Dockerfile builds it: its <c>dotnet publish</c> step, run once into a temporary folder, then
/// started as a process the way the image's entrypoint does.
/// </summary>
public sealed class PublishedServer : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("onetime-publish-").FullName;

    public async Task InitializeAsync()
    {
        var publish = DockerfilePublishArguments();
        var result = await ProcessRunner.RunAsync("dotnet", [.. publish, "--output", Directory], timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, $"dotnet publish failed: {result}");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(Directory, "OneTime.Server.dll")])
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

    /// <summary>The Dockerfile's publish step, less its --no-restore and --output (this folder instead of /app).</summary>
    private static string[] DockerfilePublishArguments()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "src", "OneTime.Server", "Dockerfile"));
        var run = dockerfile.Single(line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        var words = run["RUN dotnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = words.IndexOf("--output");
        words.RemoveRange(output, 2);
        words.Remove("--no-restore");
        return [.. words];
    }
}
