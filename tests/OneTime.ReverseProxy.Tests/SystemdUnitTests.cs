using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// deploy/onetime.service read by systemd's own tools, offline (no systemd needs to run): every line understood, and
/// the sandbox as tight as the unit claims. ReverseProxyTests runs the server with the unit's environment.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private const string SystemdAnalyze = "/usr/bin/systemd-analyze";

    private readonly string _directory = Directory.CreateTempSubdirectory("onetime-unit-").FullName;

    [Fact]
    public async Task Verify_ShippedUnit_HasNothingToSay()
    {
        var unit = WriteUnit();

        var result = await ProcessRunner.RunAsync(SystemdAnalyze, ["verify", unit]);

        // verify exits 0 even for an unknown key or a bad value, which it reports on stderr and then ignores.
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Security_ShippedUnit_ExposureAtMostTwo()
    {
        var unit = WriteUnit();

        // systemd rates exposure from 0 (locked down) to 10 (no sandbox); --threshold is in tenths.
        var result = await ProcessRunner.RunAsync(SystemdAnalyze, ["security", "--offline=yes", "--threshold=20", unit]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    // The executable must exist for verify: the server's own apphost from this test's output stands in for
    // /opt/onetime/OneTime.Server.
    private string WriteUnit()
    {
        var unit = DeployFile.Fill("onetime.service", ("/opt/onetime/OneTime.Server", Path.Combine(AppContext.BaseDirectory, "OneTime.Server")));
        var path = Path.Combine(_directory, "onetime.service");
        File.WriteAllText(path, unit);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
