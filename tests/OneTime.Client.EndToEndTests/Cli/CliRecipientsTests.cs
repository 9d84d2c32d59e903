using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// send --recipients, then status and burn over the labelled lines it printed, as processes against the real server
/// on both stores, every call through a relay that keeps what the clients sent: no label is ever in a request.
public sealed class CliRecipientsTests : IDisposable
{
    // Labels no request could hold by chance.
    private static readonly string[] Labels = ["alice-q7Zr", "bob-x2Kd", "carol-m9Wv"];

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("onetime-recipients-");

    public static TheoryData<string> Stores => new() { "memory", "redis" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ThreeRecipients_EachReadOnceWithANote_StatusListsEachReadAndConfirmed(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        await using var relay = new CountingRelay(server.WebUri.Port);
        var lines = await SendAsync(relay, "--ttl", "1h");
        var file = Save(lines);

        var waiting = await CliRunner.RunAsync(["status", "--links", file]);
        for (var i = 0; i < lines.Length; i++)
        {
            var read = await CliRunner.RunAsync(["read", "-", "--note", "thanks from " + i], Encoding.UTF8.GetBytes(lines[i].Split('\t')[1]));
            Assert.True(read.ExitCode == 0, read.Stderr);
            Assert.Equal("team secret", read.StdoutText);
        }

        var status = await CliRunner.RunAsync(["status", "--links", "-"], Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        Assert.Equal(0, waiting.ExitCode);
        Assert.All(Lines(waiting), (line, i) => Assert.Matches($@"^{Labels[i]}\twaiting, 1 view left, expires \S+Z$", line));
        Assert.Equal(3, status.ExitCode); // none can be read any more
        Assert.All(Lines(status), (line, i) =>
            Assert.Matches($@"^{Labels[i]}\tread at \S+Z, confirmed by the reader's client, note: thanks from {i}$", line));
        AssertNoLabelSent(relay);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task BurnOnlyOne_OnlyThatOneIsGone_ThenBurnAll(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        await using var relay = new CountingRelay(server.WebUri.Port);
        var file = Save(await SendAsync(relay));

        var burnBob = await CliRunner.RunAsync(["burn", "--links", file, "--only", Labels[1]]);
        var status = await CliRunner.RunAsync(["status", "--links", file]);
        var burnAll = await CliRunner.RunAsync(["burn", "--links", file]);
        var after = await CliRunner.RunAsync(["status", "--links", file]);

        Assert.Equal(0, burnBob.ExitCode);
        Assert.Equal($"{Labels[1]}\tburned: the link no longer works\n", burnBob.StdoutText);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches($@"^{Labels[0]}\twaiting, ", Lines(status)[0]);
        Assert.Equal($"{Labels[1]}\tgone: expired, burned, or the link or passphrase is wrong", Lines(status)[1]);
        Assert.Matches($@"^{Labels[2]}\twaiting, ", Lines(status)[2]);
        Assert.Equal(3, burnAll.ExitCode); // bob's was already gone
        Assert.Equal(
            [$"{Labels[0]}\tburned: the link no longer works",
             $"{Labels[1]}\tnot burned: already read, expired or burned, or the link or passphrase is wrong",
             $"{Labels[2]}\tburned: the link no longer works"],
            Lines(burnAll));
        Assert.All(Lines(after), line => Assert.EndsWith("\tgone: expired, burned, or the link or passphrase is wrong", line));
        AssertNoLabelSent(relay);
    }

    [Fact]
    public async Task StatusOfSeveralLinkArguments_LabelledByPosition()
    {
        await using var server = await ServerUnderTest.StartAsync();
        await using var relay = new CountingRelay(server.WebUri.Port);
        var links = (await SendAsync(relay)).Select(l => l.Split('\t')[1]).ToArray();

        var status = await CliRunner.RunAsync(["status", links[0], links[2]]);

        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"^1\twaiting, .*\n2\twaiting, .*\n$", status.StdoutText);
    }

    [Theory]
    [InlineData("alice", "Give 2 to 20 recipients (1 given).")]
    [InlineData("alice,alice", "appears twice")]
    [InlineData("alice,,bob", "cannot be empty")]
    [InlineData("alice,0123456789012345678901234567890123456789x", "at most 40 characters")]
    public async Task Send_BadRecipients_Exit2BeforeReadingTheSecret(string recipients, string why)
    {
        await using var server = await ServerUnderTest.StartAsync();

        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, "--recipients", recipients], "x"u8.ToArray());

        Assert.Equal(2, send.ExitCode);
        Assert.Empty(send.Stdout);
        Assert.Contains(why, send.Stderr);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private static async Task<string[]> SendAsync(CountingRelay relay, params string[] flags)
    {
        var send = await CliRunner.RunAsync(
            ["send", "--host", relay.Uri.AbsoluteUri, "--recipients", string.Join(" , ", Labels), .. flags], "team secret"u8.ToArray());
        Assert.True(send.ExitCode == 0, send.Stderr);
        var lines = Lines(send);
        Assert.Equal(Labels, lines.Select(l => l.Split('\t')[0]));
        Assert.All(lines, l => Assert.StartsWith(relay.Uri.AbsoluteUri + "s#1.", l.Split('\t')[1]));
        Assert.Equal(3, lines.Select(l => l.Split('\t')[1]).Distinct().Count());
        return lines;
    }

    private static string[] Lines(CliResult result) => result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertNoLabelSent(CountingRelay relay)
    {
        Assert.True(relay.UpstreamBytes > 0);
        Assert.All(Labels, label => Assert.False(relay.SentUpstream(Encoding.UTF8.GetBytes(label)), label + " reached the server"));
    }

    private string Save(string[] lines)
    {
        var path = Path.Combine(_scratch.FullName, "recipients.txt");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
