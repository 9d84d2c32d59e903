using System.Net.Sockets;
using System.Text;
using OneTime.Server.Tests.Hosting;
using OneTime.Testing;

namespace OneTime.Server.Tests.Logging;

/// <summary>
/// What a client puts in a request cannot forge a line in the server's console log: a real process, with ASP.NET
/// Core's request logs (which carry the decoded path) and Kestrel's bad-request logs turned on.
/// </summary>
public sealed class LogForgingTests
{
    private const string Forged = "FORGED-ENTRY";

    [Theory]
    [InlineData("simple")]
    [InlineData("systemd")]
    public async Task RequestPath_WithEncodedAndRawLineBreaks_CannotStartALogLine(string formatter)
    {
        var (server, ports, _) = await ServerProcess.StartOnFreePortsAsync(1, ports => new()
        {
            ["Kestrel__Endpoints__Web__Url"] = $"http://127.0.0.1:{ports[0]}",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
            ["Logging__Console__FormatterName"] = formatter,
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel"] = "Debug",
        });
        using var _ = server;
        var web = ports[0];
        var output = "";
        try
        {
            // Percent-encoded CR LF, decoded into the path; an ESC (a terminal escape); a bidi override; a raw CR LF
            // and a raw LF in the request line, which Kestrel refuses as a bad request (and logs).
            await SendAsync(web, $"GET /x%0d%0a{Forged}:%20info HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            await SendAsync(web, $"GET /x%0a{Forged}%1b[2J%e2%80%ae HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            await SendAsync(web, $"GET /x\r\n{Forged} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            await SendAsync(web, $"GET /x\n{Forged} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            await SendAsync(web, $"GET /x HTTP/1.1\r\nHost: a\r\nUser-Agent: a\u001b[31m{Forged}\r\nConnection: close\r\n\r\n");
            // A request logged after the others: once it is in the output, so are they.
            await SendAsync(web, "GET /last-request HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            output = await ServerProcess.ReadUntilAsync(server, "/last-request");
        }
        finally
        {
            output += await ServerProcess.StopAsync(server);
        }

        var lines = output.Split('\n');
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u202e', output);
        // The marker is only ever part of the line that logs the request it came in.
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith(Forged, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\\u000D\\u000A" + Forged, StringComparison.Ordinal));
    }

    private static async Task SendAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }
}
