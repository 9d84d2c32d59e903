using System.Security.Cryptography;
using System.Text;
using OneTime.Testing;

namespace OneTime.Soak;

/// <summary>The server to run: a published folder and how to start what is in it.</summary>
internal sealed record ServerBuild(ServerBuildKind Kind, string Directory)
{
    public const string ExecutableName = "OneTime.Server";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The program and arguments that start it: the native executable, or <c>dotnet OneTime.Server.dll</c>.</summary>
    public (string FileName, string[] Arguments) Command => Kind == ServerBuildKind.Aot
        ? (Path.Combine(Directory, ExecutableName), [])
        : ("dotnet", [Path.Combine(Directory, ExecutableName + ".dll")]);

    /// <summary>
    /// The given folder, or a build of this tree: Native AOT as the Dockerfile publishes it, cached under
    /// ~/.cache/onetime-soak by a digest of the server's sources (a publish takes minutes), or the JIT build that
    /// building this project already made (it references the server through OneTime.Testing).
    /// </summary>
    public static async Task<ServerBuild> FindOrBuildAsync(SoakOptions options, TextWriter log)
    {
        if (options.ServerDirectory is { } given)
        {
            var kind = File.Exists(Path.Combine(given, ExecutableName)) ? ServerBuildKind.Aot : ServerBuildKind.Jit;
            return new ServerBuild(kind, given);
        }

        var root = RepositoryPaths.Root;
        if (options.Build == ServerBuildKind.Jit)
        {
            var jit = Path.Combine(root, "src", "OneTime.Server", "bin", "Release", "net10.0");
            if (!File.Exists(Path.Combine(jit, ExecutableName + ".dll")))
            {
                await RunAsync(log, "dotnet", "build", Path.Combine(root, "src", "OneTime.Server"), "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly");
            }

            return new ServerBuild(ServerBuildKind.Jit, jit);
        }

        var cache = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "onetime-soak");
        var folder = Path.Combine(cache, "aot-" + await SourceDigestAsync(root));
        if (File.Exists(Path.Combine(folder, ExecutableName)))
        {
            log.WriteLine($"server: Native AOT build cached in {folder}");
            return new ServerBuild(ServerBuildKind.Aot, folder);
        }

        log.WriteLine($"server: publishing Native AOT (minutes; cached in {folder} for the next run)");
        var staging = folder + ".partial";
        if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true);
        // The Dockerfile's publish, without the web UI (the soak calls the API only).
        await RunAsync(log, "dotnet", "publish", Path.Combine(root, "src", "OneTime.Server", "OneTime.Server.csproj"), "-c", "Release",
            "--use-current-runtime", "-p:PublishAot=true", "-p:OneTimeSkipWebUi=true", "--nologo", "-v", "q", "-clp:ErrorsOnly", "-o", staging);
        System.IO.Directory.Move(staging, folder);
        return new ServerBuild(ServerBuildKind.Aot, folder);
    }

    // What the server is built from: the committed trees of its sources and the contract, plus any uncommitted change.
    private static async Task<string> SourceDigestAsync(string root)
    {
        string[] paths = ["src/OneTime.Server", "protos", "Directory.Build.props", "global.json", "nuget.config"];
        var text = new StringBuilder();
        foreach (var path in paths)
        {
            text.AppendLine((await GitAsync(root, "rev-parse", "HEAD:" + path)).StandardOutput);
        }

        text.AppendLine((await GitAsync(root, ["diff", "HEAD", "--", .. paths])).StandardOutput);
        text.AppendLine((await GitAsync(root, ["ls-files", "--others", "--exclude-standard", "--", .. paths])).StandardOutput);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static async Task<ProcessResult> GitAsync(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, workingDirectory: root);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result}");
    }

    private static async Task RunAsync(TextWriter log, string fileName, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, timeout: PublishTimeout);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed: {result}");
        log.WriteLine(result.StandardOutput.Trim());
    }
}
