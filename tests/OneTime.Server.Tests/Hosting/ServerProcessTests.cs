using System.Net;
using System.Net.Sockets;
using OneTime.Testing;

namespace OneTime.Server.Tests.Hosting;

/// <summary>The server as a user runs it: a real process with appsettings.json, configured by environment variables.</summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task Process_DefaultSettings_PrintsBothUrlsAndServesGrpcJs()
    {
        var (server, ports, output) = await ServerProcess.StartOnFreePortsAsync(2, ports => new()
        {
            ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[0]}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[1]}",
        });
        using var _ = server;
        var (web, grpc) = (ports[0], ports[1]);
        try
        {
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
    [InlineData("OneTime__MaxViews", "0", "OneTime:MaxViews must be between 1 and")]
    [InlineData("OneTime__MaxWrongAttempts", "0", "OneTime:MaxWrongAttempts must be between 1 and")]
    [InlineData("OneTime__ReadReceipts", "maybe", "OneTime:ReadReceipts")]
    [InlineData("OneTime__ShutdownTimeout", "00:00:00", "OneTime:ShutdownTimeout must be a positive time span of at most 10 minutes")]
    [InlineData("OneTime__ShutdownTimeout", "00:10:01", "OneTime:ShutdownTimeout must be a positive time span of at most 10 minutes")]
    public async Task Process_InvalidSetting_ExitsNamingTheSetting(string variable, string value, string expected)
    {
        using var server = ServerProcess.Start(new()
        {
            [variable] = value,
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        });

        var output = await ServerProcess.ReadUntilExitAsync(server);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Process_PortInUse_ExitsNamingTheAddress()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var server = ServerProcess.Start(new()
        {
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}",
        });

        var output = await ServerProcess.ReadUntilExitAsync(server);

        Assert.Equal(1, server.ExitCode);
        Assert.Contains($"OneTime cannot start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("BackgroundService failed", output);
    }

    [Theory]
    [InlineData("OneTime__MaxTtl", "banana", "OneTime:MaxTtl", "System.TimeSpan")]
    [InlineData("OneTime__MaxCiphertextBytes", "lots", "OneTime:MaxCiphertextBytes", "System.Int32")]
    [InlineData("OneTime__Metrics__PrometheusEnabled", "maybe", "OneTime:Metrics:PrometheusEnabled", "System.Boolean")]
    public async Task Process_UnparsableSetting_ExitsWithOneLineNamingIt(string variable, string value, string setting, string type)
    {
        using var server = ServerProcess.Start(new()
        {
            [variable] = value,
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        });

        var output = await ServerProcess.ReadUntilExitAsync(server);

        Assert.Equal(1, server.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"OneTime cannot start: Failed to convert configuration value '{value}' at '{setting}' to type '{type}'.", line);
    }

    [Fact]
    public async Task Process_StartedFromAnotherFolder_FindsItsSettings_GrpcEndpointSpeaksHttp2()
    {
        var elsewhere = Directory.CreateTempSubdirectory("onetime-cwd-");
        var (server, ports, started) = await ServerProcess.StartOnFreePortsAsync(1, ports => new()
        {
            // Only the URLs move; the endpoints' protocols (Grpc: Http2) are appsettings.json's beside the binary.
            ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports[0]}",
        }, workingDirectory: elsewhere.FullName);
        using var _ = server;
        var grpc = ports[0];
        try
        {
            var output = started + await ServerProcess.ReadUntilAsync(server, "Content root path");
            using var http = new HttpClient();
            // HTTP/2 with prior knowledge, as gRPC clients speak it to a cleartext endpoint.
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{grpc}/healthz")
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Contains($"Content root path: {AppContext.BaseDirectory.TrimEnd('/')}", output);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            elsewhere.Delete(recursive: true);
        }
    }
}
