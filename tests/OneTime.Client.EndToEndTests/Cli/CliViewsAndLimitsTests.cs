using System.Globalization;
using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// send --views, status (waiting / read at / gone), burn, the wrong-passphrase limit and the server's limits, with
/// the CLI as a real process against the real server on both stores.
public sealed class CliViewsAndLimitsTests
{
    public static TheoryData<string> Stores => new() { "memory", "redis" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Send_ThreeViews_ThreeReadsWorkAndTheFourthExits3(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "team secret", "--views", "3");

        var reads = new List<CliResult>();
        for (var i = 0; i < 4; i++)
        {
            reads.Add(await CliRunner.RunAsync(["read", link]));
        }

        Assert.Equal([0, 0, 0, 3], reads.Select(r => r.ExitCode));
        Assert.All(reads.Take(3), r => Assert.Equal("team secret", r.StdoutText));
        Assert.Equal("onetime: the link can be read 2 more times.\n", reads[0].Stderr);
        Assert.Equal("onetime: the link can be read 1 more time.\n", reads[1].Stderr);
        Assert.Equal("onetime: the sender was told you read it (confirmed).\n", reads[2].Stderr); // only the last view confirms
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Status_BeforeAndAfterTheLastRead_WaitingThenReadAt(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "x", "--ttl", "1h", "--views", "2");

        var fresh = await CliRunner.RunAsync(["status", link]);
        await CliRunner.RunAsync(["read", link]);
        var once = await CliRunner.RunAsync(["status", link]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await CliRunner.RunAsync(["read", link]);
        var read = await CliRunner.RunAsync(["status", link]);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Matches(@"^waiting, 2 views left, expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$", fresh.StdoutText);
        Assert.Equal(0, once.ExitCode);
        Assert.Matches(@"^waiting, 1 view left, expires \S+Z, last read \S+Z\n$", once.StdoutText);
        Assert.Equal(3, read.ExitCode); // no longer readable: scripts see the same code as gone
        Assert.Matches(@"^read at \S+Z, confirmed by the reader's client\n$", read.StdoutText);
        var readAt = DateTimeOffset.Parse(read.StdoutText["read at ".Length..].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.InRange(readAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Burn_RightLink_BurnsEveryViewAndStatusSaysGone(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "oops, wrong person", "--views", "5");

        var burn = await CliRunner.RunAsync(["burn", link]);
        var status = await CliRunner.RunAsync(["status", link]);
        var read = await CliRunner.RunAsync(["read", link]);
        var again = await CliRunner.RunAsync(["burn", link]);

        Assert.Equal(0, burn.ExitCode);
        Assert.Equal("Burned: the link no longer works.\n", burn.Stderr);
        Assert.Equal(3, status.ExitCode);
        Assert.Empty(status.Stdout);
        Assert.StartsWith("onetime: Gone:", status.Stderr);
        Assert.Equal(3, read.ExitCode);
        Assert.Equal(3, again.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Read_WrongPassphraseLimitTimes_BurnsTheSecret(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store, new Dictionary<string, string?> { ["OneTime:MaxWrongAttempts"] = "3" });
        var right = new Dictionary<string, string> { ["ONETIME_PASSPHRASE"] = "correct horse" };
        var wrong = new Dictionary<string, string> { ["ONETIME_PASSPHRASE"] = "wrong horse" };
        var survivor = await SendAsync(server, "kept", right);
        var victim = await SendAsync(server, "burned", right);

        // limit - 1 wrong guesses (by read, status and burn alike) burn nothing.
        var guesses = new[]
        {
            await CliRunner.RunAsync(["read", survivor], environment: wrong),
            await CliRunner.RunAsync(["status", survivor], environment: wrong),
        };
        var survived = await CliRunner.RunAsync(["read", survivor], environment: right);
        // limit wrong guesses burn it: the right passphrase is too late.
        for (var i = 0; i < 3; i++)
        {
            guesses = [.. guesses, await CliRunner.RunAsync([i == 2 ? "burn" : "read", victim], environment: wrong)];
        }

        var tooLate = await CliRunner.RunAsync(["read", victim], environment: right);

        Assert.All(guesses, g => Assert.Equal(3, g.ExitCode));
        Assert.All(guesses, g => Assert.StartsWith(
            "onetime: this link needs a passphrase. 3 wrong passphrases, from anyone, destroy the secret.\n", g.Stderr));
        Assert.Equal(0, survived.ExitCode);
        Assert.Equal("kept", survived.StdoutText);
        Assert.Equal(3, tooLate.ExitCode);
    }

    [Fact]
    public async Task Send_FileOverTheLimit_FailsBeforeUploadNamingTheLimit()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:MaxCiphertextBytes"] = "4096" });
        await using var relay = new CountingRelay(server.WebUri.Port);
        var directory = Directory.CreateTempSubdirectory("onetime-cli-");
        var file = Path.Combine(directory.FullName, "big.bin");
        await File.WriteAllBytesAsync(file, new byte[200_000]);

        var send = await CliRunner.RunAsync(["send", "--host", relay.Uri.AbsoluteUri, "--file", file]);

        Assert.Equal(1, send.ExitCode);
        Assert.Empty(send.Stdout);
        Assert.StartsWith("onetime: The secret is too large: this service accepts at most 4096 bytes once encrypted", send.Stderr);
        Assert.Single(send.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // What reached the server is the GetLimits call, a few hundred bytes: nothing of the 200 KB file.
        Assert.InRange(relay.UpstreamBytes, 1, 4096);
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Send_ViewsOrTtlOutsideTheServersRange_Exit2NamingTheRange()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:MaxViews"] = "5",
            ["OneTime:MaxTtl"] = "2.00:00:00",
            ["OneTime:DefaultTtl"] = "1.00:00:00", // at most MaxTtl
        });

        var views = await SendRawAsync(server, "--views", "6");
        var zero = await SendRawAsync(server, "--views", "0");
        var ttl = await SendRawAsync(server, "--ttl", "3d");
        var ok = await SendRawAsync(server, "--views", "5", "--ttl", "2d");

        Assert.Equal((2, "onetime: Invalid --views 6: this server allows 1 to 5 views.\n"), (views.ExitCode, views.Stderr));
        Assert.Equal((2, "onetime: Invalid --views 0: a secret is read at least once.\n"), (zero.ExitCode, zero.Stderr));
        Assert.Equal((2, "onetime: Invalid --ttl '3d': this server keeps secrets from 1m to 2d.\n"), (ttl.ExitCode, ttl.Stderr));
        Assert.Equal(0, ok.ExitCode);
        Assert.All(new[] { views, zero, ttl }, r => Assert.Empty(r.Stdout));
    }

    [Fact]
    public async Task Send_WithoutTtl_UsesTheServersDefault()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:DefaultTtl"] = "02:00:00" });

        var link = await SendAsync(server, "x");
        var status = await CliRunner.RunAsync(["status", link]);

        var expires = DateTimeOffset.Parse(status.StdoutText.Split("expires ")[1].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddMinutes(115), DateTimeOffset.UtcNow.AddMinutes(121));
    }

    private static Task<CliResult> SendRawAsync(ServerUnderTest server, params string[] flags) =>
        CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, .. flags], "x"u8.ToArray());

    private static Task<string> SendAsync(ServerUnderTest server, string secret, params string[] flags) =>
        SendAsync(server, secret, null, flags);

    private static async Task<string> SendAsync(ServerUnderTest server, string secret, IDictionary<string, string>? environment, params string[] flags)
    {
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, .. flags], Encoding.UTF8.GetBytes(secret), environment);
        Assert.True(send.ExitCode == 0, send.Stderr);
        return send.StdoutText.Trim();
    }
}
