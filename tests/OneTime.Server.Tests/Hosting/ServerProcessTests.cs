using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OneTime.Testing;

namespace OneTime.Server.Tests.Hosting;

/// <summary>The server as a user runs it: a real process with appsettings.json, configured by environment variables.</summary>
public sealed class ServerProcessTests
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "OneTime.Server.dll");

    [Fact]
    public async Task Process_DefaultSettings_PrintsBothUrlsAndServesGrpcJs()
    {
        var web = RedisServer.FindFreePort();
        var grpc = RedisServer.FindFreePort();
        using var server = Start(new()
        {
            ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{web}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
        });
        try
        {
            var output = await ReadUntilAsync(server, "Application started");

            Assert.Contains($"Now listening on: http://127.0.0.1:{web}", output);
            Assert.Contains($"Now listening on: http://127.0.0.1:{grpc}", output);
            var flow = await ProcessRunner.RunAsync("node", [Path.Combine(RepositoryPaths.Interop, "grpc-js-flow.mjs"), $"127.0.0.1:{grpc}"]);
            Assert.True(flow.ExitCode == 0, flow.ToString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("OneTime__Store", "mongodb", "OneTime:Store must be")]
    [InlineData("OneTime__MaxTtl", "400.00:00:00", "MaxTtl <= 365 days.")]
    [InlineData("OneTime__MaxCiphertextBytes", "0", "OneTime:MaxCiphertextBytes must be between")]
    [InlineData("OneTime__Memory__MaxTotalBytes", "-1", "OneTime:Memory:MaxTotalBytes must be")]
    [InlineData("OneTime__MaxCiphertextBytes", "284", "OneTime:MaxCiphertextBytes must be between 285")]
    [InlineData("OneTime__Quota__MaxBytes", "1000", "OneTime:Quota:MaxBytes must be at least 31457280")]
    [InlineData("OneTime__Quota__Window", "00:00:00", "OneTime:Quota:Window must be between")]
    [InlineData("OneTime__RateLimits__Ipv6PrefixLength", "129", "OneTime:RateLimits:Ipv6PrefixLength must be between")]
    public async Task Process_InvalidSetting_ExitsNamingTheSetting(string variable, string value, string expected)
    {
        using var server = Start(new()
        {
            [variable] = value,
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        });

        var output = await ReadUntilExitAsync(server);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Process_PortInUse_ExitsNamingTheAddress()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var server = Start(new()
        {
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}",
        });

        var output = await ReadUntilExitAsync(server);

        Assert.Equal(1, server.ExitCode);
        Assert.Contains($"OneTime cannot start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("BackgroundService failed", output);
    }

    private static Process Start(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static async Task<string> ReadUntilAsync(Process process, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(marker)) return output.ToString();
        }
        throw new InvalidOperationException($"The server ended before \"{marker}\":\n{output}\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<string> ReadUntilExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }
}
