using System.Globalization;

namespace OneTime.Soak;

/// <summary>Which server build the soak runs: the shipped Native AOT executable, or the JIT build (faster to build).</summary>
internal enum ServerBuildKind { Aot, Jit }

/// <summary>The command line: <c>--duration 600 --rate 2000 --build aot --out DIR --server DIR</c>.</summary>
internal sealed record SoakOptions(TimeSpan Duration, int Rate, ServerBuildKind Build, string OutputDirectory, string? ServerDirectory)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);

    // Far below tests/bench's half load (about 10,000 Stores/s on Redis, with its lean generator and no WAIT): here every
    // change waits for a replica, the harness uses grpc-dotnet's client and everything shares two cores. The capacity
    // of this set-up has not been measured; 1000/s kept p50 under 2 ms between faults (tests/PERFORMANCE.md).
    public const int DefaultRate = 1000;

    public const string Usage = """
        usage: dotnet run -c Release --project tests/soak -- [options]
          --duration SECONDS   how long the load runs (default 600); the faults are spread over it
          --rate N             operations per second, over gRPC and gRPC-Web together (default 1000)
          --build aot|jit      the server as shipped (Native AOT, default; published once per source tree and cached)
                               or the JIT build (dotnet OneTime.Server.dll), which builds in seconds
          --server DIR         run the server already published in DIR instead of building it
          --out DIR            where soak.json, soak-minutes.csv and soak-phases.csv go (default tests/soak/results)
        """;

    public static SoakOptions Parse(string[] args, string defaultOutput)
    {
        var duration = DefaultDuration;
        var rate = DefaultRate;
        var build = ServerBuildKind.Aot;
        var output = defaultOutput;
        string? server = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--duration":
                    duration = TimeSpan.FromSeconds(PositiveInt(Value(), "--duration"));
                    break;
                case "--rate":
                    rate = PositiveInt(Value(), "--rate");
                    break;
                case "--build":
                    build = Value() switch
                    {
                        "aot" => ServerBuildKind.Aot,
                        "jit" => ServerBuildKind.Jit,
                        var other => throw new ArgumentException($"--build takes aot or jit, not {other}."),
                    };
                    break;
                case "--server":
                    server = Path.GetFullPath(Value());
                    break;
                case "--out":
                    output = Path.GetFullPath(Value());
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        // Five faults, each needs some seconds to happen and to heal, with steady load between them.
        if (duration < TimeSpan.FromSeconds(45)) throw new ArgumentException("--duration must be at least 45 seconds.");
        return new SoakOptions(duration, rate, build, output, server);
    }

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number, not {text}.");
}
