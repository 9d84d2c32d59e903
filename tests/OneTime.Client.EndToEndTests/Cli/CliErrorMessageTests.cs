using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// Each refusal the CLI can meet reads as what happened, with its own exit code.
public sealed class CliErrorMessageTests
{
    [Fact]
    public async Task Send_RateLimited_Exit5SayingWhenToRetry()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:RateLimits:Create:PermitLimit"] = "1",
            ["OneTime:RateLimits:Create:Window"] = "00:10:00",
        });

        var first = await SendAsync(server, "one");
        var second = await SendAsync(server, "two");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(5, second.ExitCode);
        Assert.Matches(@"^onetime: Rate limited: too many calls from this address; try again in \d+ (s|min)\.\n$", second.Stderr);
    }

    [Fact]
    public async Task Send_OverTheCiphertextLimit_SaysTheLimit()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:MaxCiphertextBytes"] = "1024" });

        var send = await SendAsync(server, new string('x', 600)); // pads to 1024, so 1053 bytes encrypted

        Assert.Equal(1, send.ExitCode);
        Assert.Equal(
            "onetime: The secret is too large: this service accepts at most 1024 bytes once encrypted, padding included, "
            + "and this one is 1053. Nothing was sent.\n",
            send.Stderr);
    }

    [Fact]
    public async Task Send_OverTheMessageLimit_SaysTooLarge()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:MaxCiphertextBytes"] = "1024" });

        var send = await SendAsync(server, new string('x', 5000));

        Assert.Equal(1, send.ExitCode);
        Assert.StartsWith("onetime: The secret is too large", send.Stderr);
    }

    [Fact]
    public async Task Send_StoreFull_Exit5SayingSo()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:Memory:MaxTotalBytes"] = "1" });

        var send = await SendAsync(server, "no room");

        Assert.Equal(5, send.ExitCode);
        Assert.StartsWith("onetime: The service has no room for the secret; nothing was stored.", send.Stderr);
        Assert.DoesNotContain("too large", send.Stderr);
    }

    [Fact]
    public async Task Read_PassphraseLinkWithoutTerminal_HintNamesOnlyThePassphraseVariable()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], "x"u8.ToArray(),
            new Dictionary<string, string> { ["ONETIME_PASSPHRASE"] = "pp" });

        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);
        var status = await CliRunner.RunAsync(["status", send.StdoutText.Trim()]);

        Assert.Contains("needs that passphrase", send.Stderr); // said when the variable protects a send
        // First what wrong guesses cost, then why there is no prompt.
        Assert.Equal(
            "onetime: this link needs a passphrase. 10 wrong passphrases, from anyone, destroy the secret.\n"
            + "onetime: Cannot prompt: no terminal. Set ONETIME_PASSPHRASE instead.\n",
            read.Stderr);
        Assert.Equal(read.Stderr, status.Stderr);
    }

    private static Task<CliResult> SendAsync(ServerUnderTest server, string secret) =>
        CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri], Encoding.UTF8.GetBytes(secret));
}
