using OneTime.Testing;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// The Python and Go libraries' own flows against the real server on both stores: each program drives its library's
/// API (limits, text, a file, a passphrase, three views, status, burn, a request answered and read, NotFound after)
/// over native gRPC with links on the Web endpoint, and prints "ok" only when every step behaved as the contract says.
/// </summary>
public sealed class ClientFlowTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5); // a bound for a hung program, not a verdict

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task PythonLibrary_FullFlow_Ok(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);

        var flow = await ProcessRunner.RunAsync("/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "clients", "python", "tests", "live_flow.py"), Url(server.WebUri), Url(server.GrpcUri)],
            timeout: Limit);

        Assert.True(flow.ExitCode == 0, flow.ToString());
        Assert.Equal("ok", flow.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task GoLibrary_FullFlow_Ok(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);

        var flow = await ProcessRunner.RunAsync(Path.Combine(RepositoryPaths.Root, "clients", "go", "offline.sh"),
            ["run", "./cmd/onetime-flow", Url(server.WebUri), Url(server.GrpcUri)],
            workingDirectory: Path.Combine(RepositoryPaths.Root, "clients", "go"), timeout: Limit);

        Assert.True(flow.ExitCode == 0, flow.ToString());
        Assert.Equal("ok", flow.StandardOutput.Trim());
    }

    private static string Url(Uri uri) => uri.AbsoluteUri.TrimEnd('/');
}
