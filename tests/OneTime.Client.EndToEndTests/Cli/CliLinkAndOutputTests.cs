using System.Runtime.Versioning;
using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// How the CLI takes a link without putting it in argv, writes --out files, and shows secrets on a terminal.
public sealed class CliLinkAndOutputTests
{
    [Theory]
    [InlineData("read", "-")]
    [InlineData("read")]
    public async Task Read_LinkOnStdin_ReadsIt(params string[] args)
    {
        await using var server = await ServerUnderTest.StartAsync();
        var link = await SendAsync(server, "from stdin");

        var read = await CliRunner.RunAsync(args, Encoding.UTF8.GetBytes(link + "\r\n"));

        Assert.Equal(0, read.ExitCode);
        Assert.Equal("from stdin", read.StdoutText);
    }

    [Fact]
    public async Task StatusAndBurn_LinkFromOnetimeLinkVariable_ActOnIt()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var environment = new Dictionary<string, string> { ["ONETIME_LINK"] = await SendAsync(server, "from env") };

        var status = await CliRunner.RunAsync(["status"], environment: environment);
        var burn = await CliRunner.RunAsync(["burn"], environment: environment);
        var read = await CliRunner.RunAsync(["read"], environment: environment);

        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith("waiting, 1 view left, expires ", status.StdoutText);
        Assert.Equal(0, burn.ExitCode);
        Assert.Equal(3, read.ExitCode);
    }

    [Theory]
    [InlineData("read", "-")]
    [InlineData("read")]
    [InlineData("status")]
    public async Task Read_NoLinkAnywhere_Exit2NamingTheWays(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, "\n"u8.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains(args.Length == 2 ? "stdin" : "ONETIME_LINK", result.Stderr);
    }

    [Fact]
    public async Task Read_TwoLinesOnStdin_Exit2()
    {
        var result = await CliRunner.RunAsync(["read", "-"], "https://a.example/s#x\nhttps://b.example/s#y\n"u8.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("several lines", result.Stderr);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Read_Out_CreatesTheFileMode0600()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var directory = Directory.CreateTempSubdirectory("onetime-out-");
        var path = Path.Combine(directory.FullName, "secret.txt");

        var read = await CliRunner.RunAsync(["read", "--out", path], Encoding.UTF8.GetBytes(await SendAsync(server, "private")));

        Assert.Equal(0, read.ExitCode);
        Assert.Equal("private", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Read_OutOntoSymlink_Exit2AndTheTargetUntouchedAndSecretKept()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var directory = Directory.CreateTempSubdirectory("onetime-out-");
        var victim = Path.Combine(directory.FullName, "victim");
        var planted = Path.Combine(directory.FullName, "planted");
        File.CreateSymbolicLink(planted, victim); // dangling: an exists-check would say "free"
        var link = await SendAsync(server, "keep me");

        var refused = await CliRunner.RunAsync(["read", "--out", planted], Encoding.UTF8.GetBytes(link));
        var read = await CliRunner.RunAsync(["read", "-"], Encoding.UTF8.GetBytes(link));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Stderr);
        Assert.False(File.Exists(victim));
        Assert.Equal("keep me", read.StdoutText);
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Read_OutButSecretGone_LeavesNoFile()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var link = await SendAsync(server, "once");
        await CliRunner.RunAsync(["burn", "-"], Encoding.UTF8.GetBytes(link));
        var path = Path.Combine(Path.GetTempPath(), "onetime-gone-" + Guid.NewGuid().ToString("N"));

        var read = await CliRunner.RunAsync(["read", "--out", path], Encoding.UTF8.GetBytes(link));

        Assert.Equal(3, read.ExitCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Read_ToTerminal_EscapesControlCharacters_RawAndPipeKeepTheBytes()
    {
        await using var server = await ServerUnderTest.StartAsync();
        const string hostile = "pw\u001b]0;pwned\u0007 \u202Etxt.exe\r\ttab\nline2";

        var terminal = await CliRunner.RunInTerminalAsync(["read", await SendAsync(server, hostile)]);
        var raw = await CliRunner.RunInTerminalAsync(["read", "--raw", await SendAsync(server, hostile)]);
        var piped = await CliRunner.RunAsync(["read", await SendAsync(server, hostile)]);

        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains(@"pw\x1b]0;pwned\x07 \u202etxt.exe\x0d" + "\ttab", terminal.StdoutText);
        Assert.DoesNotContain("\u001b]", terminal.StdoutText, StringComparison.Ordinal); // .NET's own terminal set-up (ESC [?1h) may be there; the secret's OSC not
        Assert.DoesNotContain('\u202E', terminal.StdoutText);
        Assert.Contains("escapes", terminal.StdoutText); // the note, on the same terminal (stderr)
        Assert.Equal(0, raw.ExitCode);
        Assert.Contains("pw\u001b]0;pwned\u0007 \u202Etxt.exe", raw.StdoutText);
        Assert.Equal(hostile, piped.StdoutText);
    }

    private static async Task<string> SendAsync(ServerUnderTest server, string secret)
    {
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], Encoding.UTF8.GetBytes(secret));
        Assert.Equal(0, send.ExitCode);
        return send.StdoutText.Trim();
    }
}
