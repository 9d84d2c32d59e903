using System.Security.Cryptography;
using System.Text;

namespace OneTime.Client.EndToEndTests.Cli;

/// Read confirmations through the CLI, a process per person, against the real server on both stores: the reader's
/// `read --note` confirms, the sender's `status` says confirmed with the note; a reader from before confirmations
/// leaves it unconfirmed; bytes on the receipt that do not open for the sender's link "do not verify".
public sealed class CliConfirmationTests
{
    public static TheoryData<string> Stores => new() { "memory", "redis" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReadWithNote_StatusShowsConfirmedAndTheNote(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "db password");

        var read = await CliRunner.RunAsync(["read", "-", "--note", "got it, rotating now"], Encoding.UTF8.GetBytes(link));
        var status = await CliRunner.RunAsync(["status", "-"], Encoding.UTF8.GetBytes(link));

        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal("db password", read.StdoutText);
        Assert.Equal("onetime: the sender was told you read it (confirmed, with your note).\n", read.Stderr);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches(@"^read at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, confirmed by the reader's client\nnote: got it, rotating now\n$", status.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReadWithNote_ControlAndBidiCharacters_ShownEscaped(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "x");

        await CliRunner.RunAsync(["read", link, "--note", "ok\u001b]0;owned\u0007\nline2\u202e"]);
        var status = await CliRunner.RunAsync(["status", link]);

        Assert.EndsWith("\nnote: ok\\x1b]0;owned\\x07\\x0aline2\\u202e\n", status.StdoutText);
        Assert.DoesNotContain('\u001b', status.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReadWithNoteTooLong_Exit2_NothingRead(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "keep me");

        var refused = await CliRunner.RunAsync(["read", link, "--note", new string('x', 201)]);
        var read = await CliRunner.RunAsync(["read", link]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("onetime: The note is longer than 200 bytes (UTF-8).\n", refused.Stderr);
        Assert.Empty(refused.Stdout);
        Assert.Equal("keep me", read.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReadByAnOlderClient_StatusSaysUnconfirmed(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "x");
        using var older = new OlderClient(server);

        Assert.Equal(0u, (await older.RetrieveAsync(link)).ViewsLeft);
        var status = await CliRunner.RunAsync(["status", link]);

        Assert.Equal(3, status.ExitCode);
        Assert.Matches(@"^read at \S+Z: the server says so, unconfirmed\n$", status.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AnotherSecretsConfirmationOnTheReceipt_StatusSaysItDoesNotVerify(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var first = await SendAsync(server, "a");
        var second = await SendAsync(server, "b");
        using var older = new OlderClient(server);
        await older.RetrieveAsync(first);
        await CliRunner.RunAsync(["read", second, "--note", "for the second"]);

        // A link holder (or the server) moves the second secret's genuine confirmation onto the first's receipt.
        await older.ConfirmReadAsync(first, await older.ReadConfirmationAsync(second));
        var status = await CliRunner.RunAsync(["status", first]);
        var genuine = await CliRunner.RunAsync(["status", second]);

        Assert.Matches(@"^read at \S+Z says the server, but its confirmation does not verify\n$", status.StdoutText);
        Assert.DoesNotContain("for the second", status.StdoutText);
        Assert.EndsWith("note: for the second\n", genuine.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task MadeUpConfirmation_StatusSaysItDoesNotVerify(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(server, "x");
        using var older = new OlderClient(server);
        await older.RetrieveAsync(link);
        var madeUp = RandomNumberGenerator.GetBytes(285);
        madeUp[0] = 0x01; // format 1, so it is the tag that fails

        await older.ConfirmReadAsync(link, madeUp);
        var status = await CliRunner.RunAsync(["status", link]);

        Assert.Matches(@"^read at \S+Z says the server, but its confirmation does not verify\n$", status.StdoutText);
    }

    [Fact]
    public async Task Read_ServerWithoutReceipts_SaysTheSenderCouldNotBeTold()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:ReadReceipts"] = "false" });
        var link = await SendAsync(server, "x");

        var read = await CliRunner.RunAsync(["read", link, "--note", "n"]);

        Assert.Equal(0, read.ExitCode);
        Assert.Equal("x", read.StdoutText);
        Assert.Equal("onetime: the sender could not be told you read it: the server did not keep the confirmation.\n", read.Stderr);
    }

    [Fact]
    public async Task ReadWithNote_NotTheLastView_SaysTheNoteWasNotSent()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var link = await SendAsync(server, "x", "--views", "2");

        var read = await CliRunner.RunAsync(["read", link, "--note", "n"]);

        Assert.Equal("onetime: the link can be read 1 more time.\nonetime: the note was not sent: only the last view confirms a read.\n", read.Stderr);
    }

    private static async Task<string> SendAsync(ServerUnderTest server, string secret, params string[] flags)
    {
        var send = await CliRunner.RunAsync(["send", "--host", server.WebUri.AbsoluteUri, .. flags], Encoding.UTF8.GetBytes(secret));
        Assert.True(send.ExitCode == 0, send.Stderr);
        return send.StdoutText.Trim();
    }
}
