using System.Diagnostics;
using OneTime.Client.EndToEndTests.Cli;
using OneTime.Testing;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// One language's client as its users run it, a separate process driven through the CLI's conventions (secret and
/// link on stdin, passphrase in ONETIME_PASSPHRASE, the server in ONETIME_HOST and, for native gRPC, ONETIME_GRPC):
/// C# (the onetime CLI), TypeScript (the library through tests/interop/node-peer.ts under Node.js), Python
/// (<c>python3 -m onetime</c>) and Go (cmd/onetime, built once per run from Debian's Go packages).
/// </summary>
internal sealed class Peer
{
    public const string CSharp = "csharp";
    public const string TypeScript = "typescript";
    public const string Python = "python";
    public const string Go = "go";

    /// <summary>Every language; the matrix sends from each to each.</summary>
    public static readonly string[] All = [CSharp, TypeScript, Python, Go];

    /// <summary>The languages with a full CLI: requests kept on disk, status, burn, the error messages.</summary>
    public static readonly string[] WithCli = [CSharp, Python, Go];

    // Debian's interpreter: its dist-packages hold python3-grpcio, -protobuf and -cryptography, which tests/run installs.
    private const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<Task<string>> GoBinary = new(BuildGoAsync);

    private readonly Func<Task<ProcessStartInfo>> _start;

    private Peer(string name, Func<Task<ProcessStartInfo>> start)
    {
        Name = name;
        _start = start;
    }

    public string Name { get; }

    public static Peer Get(string name) => name switch
    {
        CSharp => new(name, () => Task.FromResult(CliRunner.Detached("dotnet", [CliRunner.CliPath]))),
        TypeScript => new(name, () => Task.FromResult(CliRunner.Detached(
            Path.Combine(RepositoryPaths.Root, "clients", "web", "node_modules", ".bin", "vite-node"),
            [Path.Combine(RepositoryPaths.Interop, "node-peer.ts")]))),
        Python => new(name, () => Task.FromResult(WithEnvironment(
            CliRunner.Detached(DebianPython, ["-m", "onetime"]), "PYTHONPATH", Path.Combine(RepositoryPaths.Root, "clients", "python")))),
        Go => new(name, async () => CliRunner.Detached(await GoBinary.Value, [])),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such peer"),
    };

    public async Task<CliResult> RunAsync(IEnumerable<string> args, byte[]? stdin, IDictionary<string, string> environment)
    {
        var start = await _start();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return await CliRunner.RunAsync(start, stdin, environment);
    }

    public override string ToString() => Name;

    private static ProcessStartInfo WithEnvironment(ProcessStartInfo start, string name, string value)
    {
        start.Environment[name] = value;
        return start;
    }

    // clients/go/offline.sh builds against Debian's Go packages without a module proxy, in a folder of its own.
    private static async Task<string> BuildGoAsync()
    {
        var output = Directory.CreateTempSubdirectory("onetime-go-");
        var binary = Path.Combine(output.FullName, "onetime");
        var build = await ProcessRunner.RunAsync(
            Path.Combine(RepositoryPaths.Root, "clients", "go", "offline.sh"), ["build", "-o", binary, "./cmd/onetime"],
            workingDirectory: Path.Combine(RepositoryPaths.Root, "clients", "go"), timeout: TimeSpan.FromMinutes(10));
        return build.ExitCode == 0 && File.Exists(binary)
            ? binary
            : throw new InvalidOperationException($"clients/go/offline.sh build failed: {build}");
    }
}
