using System.Globalization;

namespace OneTime.LoadTest;

/// <summary>What to run, parsed from plain <c>--name value</c> arguments.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: OneTime.LoadTest --target URL [options]
          --scenario store|pair|exists   store: Store only; pair: Store then Retrieve of the same secret, bytes
                                         checked; exists: Exists on secrets stored up front   (default pair)
          --protocol grpc|grpc-web       gRPC over HTTP/2 cleartext, or gRPC-Web over HTTP/1.1 (default grpc)
          --target URL                   the server's Grpc endpoint for grpc, its Web endpoint for grpc-web
          --concurrency N                calls in flight, each a closed loop                  (default 32)
          --rate OPS_PER_SECOND          fixed rate instead of closed loops: operation k falls due at k / rate
                                         and a free worker of the --concurrency takes it; when none was free,
                                         its latency counts from when it fell due (no coordinated omission)
          --connections N                HTTP/2 connections the calls share (grpc only)       (default 4)
          --duration SECONDS             measured time                                        (default 10)
          --warmup SECONDS               unmeasured time before it                            (default 2)
          --payload-size BYTES           ciphertext size                                      (default 285)
          --json                         print the result as JSON on stdout
          --write-store-request FILE     write one framed Store request (--payload-size) to FILE and exit,
                                         for replay by other tools: h2load -d FILE
        """;

    public Scenario Scenario { get; init; } = Scenario.Pair;
    public Protocol Protocol { get; init; } = Protocol.Grpc;
    public required Uri Target { get; init; }
    public int Concurrency { get; init; } = 32;
    public int Connections { get; init; } = 4;

    /// <summary>Operations a second in fixed-rate mode; null for closed loops.</summary>
    public double? Rate { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public int PayloadSize { get; init; } = 285;
    public bool Json { get; init; }
    public string? WriteStoreRequest { get; init; }

    // Bounds that keep a typo from becoming a runaway run.
    private const int MaxConcurrency = 10_000;
    private const double MaxSeconds = 3_600;
    private const double MaxRate = 10_000_000;

    public static bool TryParse(string[] args, out LoadOptions? options, out string? error)
    {
        options = null;
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--json") { json = true; continue; }
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"unexpected argument '{name}'";
                return false;
            }

            values[name[2..]] = args[++i];
        }

        try
        {
            var writeStoreRequest = Take(values, "write-store-request");
            var target = Take(values, "target")
                ?? (writeStoreRequest is null ? throw new FormatException("--target is required") : "http://127.0.0.1/");
            var parsed = new LoadOptions
            {
                Target = new Uri(target, UriKind.Absolute),
                Scenario = Take(values, "scenario") switch
                {
                    null or "pair" => Scenario.Pair,
                    "store" => Scenario.Store,
                    "exists" => Scenario.Exists,
                    var other => throw new FormatException($"unknown scenario '{other}'"),
                },
                Protocol = Take(values, "protocol") switch
                {
                    null or "grpc" => Protocol.Grpc,
                    "grpc-web" => Protocol.GrpcWeb,
                    var other => throw new FormatException($"unknown protocol '{other}'"),
                },
                Concurrency = Int(values, "concurrency", 32, 1, MaxConcurrency),
                Connections = Int(values, "connections", 4, 1, MaxConcurrency),
                Rate = ParseRate(values),
                Duration = Seconds(values, "duration", 10, 0.1),
                Warmup = Seconds(values, "warmup", 2, 0),
                PayloadSize = Int(values, "payload-size", 285, 1, 1 << 20),
                Json = json,
                WriteStoreRequest = writeStoreRequest,
            };
            if (values.Count > 0) throw new FormatException($"unknown option --{values.Keys.First()}");
            options = parsed;
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        var text = Take(values, name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"--{name} must be an integer from {min} to {max}");
        }

        return value;
    }

    private static double? ParseRate(Dictionary<string, string> values)
    {
        var text = Take(values, "rate");
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 1) || value > MaxRate)
        {
            throw new FormatException($"--rate must be a number of operations a second from 1 to {MaxRate}");
        }

        return value;
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string name, double fallback, double min)
    {
        var text = Take(values, name);
        if (text is null) return TimeSpan.FromSeconds(fallback);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > MaxSeconds)
        {
            throw new FormatException($"--{name} must be a number of seconds from {min} to {MaxSeconds}");
        }

        return TimeSpan.FromSeconds(value);
    }
}
