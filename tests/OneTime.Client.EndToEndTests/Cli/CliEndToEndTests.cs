using OneTime.Testing;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// The onetime CLI as a terminal user drives it, against the real server's Web endpoint.
public sealed class CliEndToEndTests
{
    [Fact]
    public async Task Send_PipedSecret_PrintsOnlyTheLink_ReadOnceThenExit3()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], Encoding.UTF8.GetBytes("sk_live_abc123"));
        var link = send.StdoutText.TrimEnd('\n');
        var first = await CliRunner.RunAsync(["read", link]);
        var second = await CliRunner.RunAsync(["read", link]);

        Assert.Equal(0, send.ExitCode);
        Assert.Single(send.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(server.WebUri.AbsoluteUri + "s#1.", link);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("sk_live_abc123", first.StdoutText); // piped: exactly as sent, no newline added
        Assert.Equal(3, second.ExitCode);
        Assert.Empty(second.Stdout);
        Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Send_SecretFromEnvironmentAndHostFromEnvironment_RoundTrips()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var environment = new Dictionary<string, string> { ["ONETIME_SECRET"] = "from-env", ["ONETIME_HOST"] = server.WebUri.AbsoluteUri };

        var send = await CliRunner.RunAsync(["send", "--ttl", "30m"], environment: environment);
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("from-env", read.StdoutText);
    }

    [Fact]
    public async Task Send_WithPassphraseFromEnvironment_ReadNeedsIt_WrongOneExit3WithoutBurning()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var right = new Dictionary<string, string> { ["ONETIME_PASSPHRASE"] = "correct horse" };
        var wrong = new Dictionary<string, string> { ["ONETIME_PASSPHRASE"] = "wrong horse" };

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], "guarded"u8.ToArray(), right);
        var link = send.StdoutText.Trim();
        var noPassphrase = await CliRunner.RunAsync(["read", link]);
        var wrongRead = await CliRunner.RunAsync(["read", link], environment: wrong);
        var rightRead = await CliRunner.RunAsync(["read", link], environment: right);

        Assert.Contains("#1p.", link);
        Assert.Equal(2, noPassphrase.ExitCode); // cannot prompt without a terminal
        Assert.Equal(3, wrongRead.ExitCode);
        Assert.Equal(0, rightRead.ExitCode);
        Assert.Equal("guarded", rightRead.StdoutText);
    }

    [Fact]
    public async Task Send_BinaryFile200KB_ReadToStdoutAndOutFile_ByteExact()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var data = new byte[200 * 1024];
        Random.Shared.NextBytes(data);
        var directory = Directory.CreateTempSubdirectory("onetime-cli-");
        var input = Path.Combine(directory.FullName, "blob.bin");
        await File.WriteAllBytesAsync(input, data);
        var output = Path.Combine(directory.FullName, "out.bin");

        var first = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--file", input]);
        var second = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--file", input]);
        var toStdout = await CliRunner.RunAsync(["read", first.StdoutText.Trim()]);
        var toFile = await CliRunner.RunAsync(["read", second.StdoutText.Trim(), "--out", output]);

        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal(data, toStdout.Stdout);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(data, await File.ReadAllBytesAsync(output));
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Read_OutToExistingFile_Exit2AndSecretNotConsumed()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var existing = Path.GetTempFileName();
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], "keep me"u8.ToArray());

        var refused = await CliRunner.RunAsync(["read", send.StdoutText.Trim(), "--out", existing]);
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(0, new FileInfo(existing).Length);
        Assert.Equal("keep me", read.StdoutText);
        File.Delete(existing);
    }

    [Fact]
    public async Task Status_ThenBurn_ThenStatus_Exit0Then0Then3()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--ttl", "1h"], "status me"u8.ToArray());
        var link = send.StdoutText.Trim();

        var before = await CliRunner.RunAsync(["status", link]);
        var burn = await CliRunner.RunAsync(["burn", link]);
        var after = await CliRunner.RunAsync(["status", link]);
        var read = await CliRunner.RunAsync(["read", link]);

        Assert.Equal(0, before.ExitCode);
        Assert.StartsWith("waiting, 1 view left, expires ", before.StdoutText);
        Assert.Equal(0, burn.ExitCode);
        Assert.Equal(3, after.ExitCode);
        Assert.Equal(3, read.ExitCode);
    }

    [Fact]
    public async Task Send_Generate_LinkOnStdoutPasswordOnceOnStderr()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");

        var send = await CliRunner.RunAsync(["send", "--generate", "--host", server.WebUri.AbsoluteUri]);
        var password = send.Stderr.Trim().Split(": ", 2)[1];
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal(24, password.Length);
        Assert.Equal(password, read.StdoutText);
    }

    [Fact]
    public async Task Send_ServerDown_Exit4WithOneLine()
    {
        using var closed = new ClosedPort(); // refuses connections, and nothing else can take it meanwhile
        var send = await CliRunner.RunAsync(["send", "--host", $"http://127.0.0.1:{closed.Port}"], "x"u8.ToArray());

        Assert.Equal(4, send.ExitCode);
        Assert.Empty(send.Stdout);
        Assert.Single(send.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", send.Stderr); // no stack trace
    }

    [Theory]
    [InlineData("send", "--ttl", "40d")]
    [InlineData("send", "--ttl", "soon")]
    [InlineData("send", "sk_live_on_the_command_line")]
    [InlineData("read")]
    [InlineData("read", "https://onetime.example/s#1.tooshort.key")]
    [InlineData("nonsense")]
    [InlineData("gen", "--length", "2")]
    public async Task Usage_Errors_Exit2WithOneLine(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Send_NothingPipedNoVariable_Exit2()
    {
        var result = await CliRunner.RunAsync(["send", "--host", "http://127.0.0.1:1"]);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Gen_NoSymbols_LettersAndDigitsOfTheLength()
    {
        var result = await CliRunner.RunAsync(["gen", "--length", "40", "--no-symbols"]);
        var password = result.StdoutText.TrimEnd('\n');

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(40, password.Length);
        Assert.True(password.All(char.IsAsciiLetterOrDigit));
    }

}
