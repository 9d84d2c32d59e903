using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// The real server process (<c>dotnet OneTime.Server.dll</c> from this test's output) as deploy/onetime.service runs
/// it: the unit's Environment= lines with the ports changed, in systemd's working directory when a unit sets none, /.
/// </summary>
internal sealed class OneTimeService : IDisposable
{
    private const string UnitFile = "onetime.service";

    private readonly BackgroundProcess _process;

    private OneTimeService(BackgroundProcess process, int webPort, int grpcPort)
    {
        _process = process;
        WebPort = webPort;
        GrpcPort = grpcPort;
    }

    public int WebPort { get; }

    public int GrpcPort { get; }

    /// <param name="settings">Added to the unit's environment, e.g. small rate limit budgets.</param>
    /// <remarks>On free ports, and again on others when one was taken before the server bound it.</remarks>
    public static Task<OneTimeService> StartAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        FreePorts.StartAsync(2, ports => StartAsync(ports[0], ports[1], settings));

    private static async Task<OneTimeService> StartAsync(int webPort, int grpcPort, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = UnitEnvironment(webPort, grpcPort);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // /metrics and the probes: a free port rather than appsettings.json's 5082, which any other server on the
        // machine may hold (the unit leaves it to appsettings.json).
        environment["Kestrel__Endpoints__Management__Url"] = "http://127.0.0.1:0";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name] = value;

        var process = BackgroundProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "OneTime.Server.dll")], "/", environment);
        var service = new OneTimeService(process, webPort, grpcPort);
        try
        {
            // Kestrel writes "Application started" once every endpoint is bound: then /readyz on the port is this one's.
            await process.WaitForOutputAsync("Application started", webPort, grpcPort);
            await process.WaitForOkAsync(new Uri($"http://127.0.0.1:{webPort}/readyz"));
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>The unit's <c>Environment=NAME=value</c> lines, with its loopback ports replaced by free ones.</summary>
    private static Dictionary<string, string> UnitEnvironment(int webPort, int grpcPort)
    {
        var unit = DeployFile.Fill(UnitFile, ("127.0.0.1:5080", $"127.0.0.1:{webPort}"), ("127.0.0.1:5081", $"127.0.0.1:{grpcPort}"));
        var environment = new Dictionary<string, string>();
        foreach (var line in unit.Split('\n'))
        {
            if (!line.StartsWith("Environment=", StringComparison.Ordinal)) continue;
            var assignment = line["Environment=".Length..].Trim();
            var equals = assignment.IndexOf('=');
            environment[assignment[..equals]] = assignment[(equals + 1)..];
        }

        Assert.True(environment.ContainsKey("OneTime__RateLimits__KnownProxies__0"), "The unit no longer names the proxy.");
        return environment;
    }

    public void Dispose() => _process.Dispose();
}
