using System.Buffers.Text;
using System.Text.RegularExpressions;

namespace OneTime.Client.EndToEndTests.Cli;

/// onetime gen password|passphrase|apikey and send --generate, as processes: the secret alone on stdout, the entropy
/// on stderr; a generated secret sent prints only its link unless --show-generated.
public sealed class CliGenerateTests
{
    [Fact]
    public async Task Gen_AsBefore_24CharacterPasswordOnStdout_EntropyOnStderr()
    {
        var gen = await CliRunner.RunAsync(["gen"]);
        var plain = await CliRunner.RunAsync(["gen", "--length", "12", "--no-symbols"]);

        Assert.Equal(0, gen.ExitCode);
        Assert.Matches(@"^\S{24}\n$", gen.StdoutText);
        Assert.Equal("onetime: entropy 155.8 bits (24 characters from a set of 90)\n", gen.Stderr);
        Assert.Matches("^[A-Za-z0-9]{12}\n$", plain.StdoutText);
    }

    [Fact]
    public async Task GenPassword_ClassesTurnedOff()
    {
        var digits = await CliRunner.RunAsync(["gen", "password", "--length", "30", "--no-upper", "--no-lower", "--no-symbols"]);
        var none = await CliRunner.RunAsync(["gen", "password", "--no-upper", "--no-lower", "--no-symbols", "--no-digits"]);

        Assert.Matches("^[0-9]{30}\n$", digits.StdoutText);
        Assert.Equal("onetime: entropy 99.6 bits (30 characters from a set of 10)\n", digits.Stderr);
        Assert.Equal(2, none.ExitCode);
        Assert.Empty(none.Stdout);
    }

    [Fact]
    public async Task GenPassphrase_WordsAndSeparator()
    {
        var gen = await CliRunner.RunAsync(["gen", "passphrase", "--words", "5", "--separator", " "]);

        Assert.Equal(0, gen.ExitCode);
        Assert.Equal(5, gen.StdoutText.TrimEnd('\n').Split(' ').Length);
        Assert.Equal("onetime: entropy 64.6 bits (5 words from a list of 7776)\n", gen.Stderr);
    }

    [Fact]
    public async Task GenApiKey_Base64UrlAndHex()
    {
        var base64 = await CliRunner.RunAsync(["gen", "apikey"]);
        var hex = await CliRunner.RunAsync(["gen", "apikey", "--bytes", "16", "--hex"]);

        Assert.Equal(32, Base64Url.DecodeFromChars(base64.StdoutText.TrimEnd('\n')).Length);
        Assert.Equal("onetime: entropy 256 bits (32 random bytes, base64url)\n", base64.Stderr);
        Assert.Matches("^[0-9a-f]{32}\n$", hex.StdoutText);
    }

    [Fact]
    public void Cli_ShipsTheWordListsNotice()
    {
        var notice = Path.Combine(Path.GetDirectoryName(CliRunner.CliPath)!, "wordlists", "NOTICE.md");

        Assert.Contains("Creative Commons Attribution 3.0", File.ReadAllText(notice));
    }

    [Fact]
    public async Task SendGeneratePassphrase_PrintsOnlyTheLink_ReadGivesSixWords()
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--generate", "passphrase:6"]);
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.Equal(0, send.ExitCode);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/s#1\.\S+\n$", send.StdoutText);
        Assert.Empty(send.Stderr);
        Assert.Matches(@"^[a-z]+(-[a-z]+){5,9}$", read.StdoutText); // six words; a few EFF words hold a hyphen themselves
    }

    [Fact]
    public async Task SendGenerateApiKey_ShowGenerated_OnStderrOnly_TheSameAsRead()
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--generate", "apikey:32", "--show-generated"]);
        var shown = Regex.Match(send.Stderr, @"^Generated API key \(shown once\): (\S+)\nonetime: entropy 256 bits \(32 random bytes, base64url\)\n$");
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.True(shown.Success, send.Stderr);
        Assert.DoesNotContain(shown.Groups[1].Value, send.StdoutText);
        Assert.Single(send.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(shown.Groups[1].Value, read.StdoutText);
    }

    [Fact]
    public async Task SendBareGenerate_AsBefore_PasswordShownOnStderr()
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--generate"]);
        var shown = Regex.Match(send.Stderr, @"^Generated password \(shown once\): (\S{24})\n");
        var read = await CliRunner.RunAsync(["read", send.StdoutText.Trim()]);

        Assert.True(shown.Success, send.Stderr);
        Assert.Single(send.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the one line it always printed
        Assert.Equal(shown.Groups[1].Value, read.StdoutText);
    }

    [Fact]
    public async Task SendGenerateToRecipients_EachReadsTheSameSecret()
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--generate", "password:32", "--recipients", "a,b"]);
        var links = send.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]).ToList();
        var reads = new List<string>();
        foreach (var link in links)
        {
            reads.Add((await CliRunner.RunAsync(["read", link])).StdoutText);
        }

        Assert.Equal(2, links.Count);
        Assert.Equal(32, reads[0].Length);
        Assert.Equal(reads[0], reads[1]);
    }

    [Theory]
    [InlineData("--generate", "pin:4")]
    [InlineData("--generate", "passphrase:2")]
    [InlineData("--show-generated", null)]
    public async Task Send_BadGenerate_Exit2NothingSent(string flag, string? value)
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(value is null
            ? ["send", "--host", server.WebUri.AbsoluteUri, flag]
            : ["send", "--host", server.WebUri.AbsoluteUri, flag, value]);

        Assert.Equal(2, send.ExitCode);
        Assert.Empty(send.Stdout);
    }
}
