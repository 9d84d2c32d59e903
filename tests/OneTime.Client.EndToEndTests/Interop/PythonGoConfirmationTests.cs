using System.Text;
using System.Text.RegularExpressions;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// Read confirmations across the Python and Go CLIs against the real server on both stores (protos/README.md "Read
/// confirmations"): a secret sent from one language and read in the other with <c>read --note</c> shows, in the
/// sender's language's <c>status</c>, as confirmed by the reader's client with that note; and only the last view of a
/// multi-view secret confirms, whichever language takes it.
/// </summary>
public sealed class PythonGoConfirmationTests : IDisposable
{
    // A passphrase, so that both sides derive the confirmation key with S; a note with non-ASCII text and a newline,
    // which every CLI shows escaped on one line.
    private const string Passphrase = "correct horse ☃ battery\tstaple";
    private const string Note = "got it ✓ — rotating now\nthanks";
    private const string NoteShown = "got it ✓ — rotating now\\x0athanks";
    private const string ReadAt = @"read at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ";

    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("sk_live_confirmed 🔑");

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("onetime-pygo-confirm-");

    public static TheoryData<string, string, string> StoresSendersAndReaders()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var store in new[] { "memory", "redis" })
        {
            data.Add(store, Peer.Python, Peer.Go);
            data.Add(store, Peer.Go, Peer.Python);
        }

        return data;
    }

    public static TheoryData<string, string> SendersAndReaders() => new() { { Peer.Python, Peer.Go }, { Peer.Go, Peer.Python } };

    [Theory]
    [MemberData(nameof(StoresSendersAndReaders))]
    public async Task ReadWithNote_InTheOtherLanguage_SenderStatusShowsConfirmedWithTheNote(string store, string sender, string reader)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var from = Peer.Get(sender);
        var by = Peer.Get(reader);
        var environment = Environment(server, Passphrase);
        var link = await SendAsync(from, environment);

        var before = await from.RunAsync(["status", "-"], link, environment);
        var read = await by.RunAsync(["read", "-", "--note", Note], link, environment);
        var status = await from.RunAsync(["status", "-"], link, environment);

        Assert.True(before.ExitCode == 0, $"{from} status before the read: {before.Stderr}");
        Assert.StartsWith("waiting, 1 view left, expires ", before.StdoutText);
        Assert.True(read.ExitCode == 0, $"{by} reading {from}'s secret with a note: {read.Stderr}");
        Assert.Equal(Secret, read.Stdout);
        Assert.EndsWith("onetime: the sender was told you read it (confirmed, with your note).\n", read.Stderr);
        Assert.True(status.ExitCode == 3, $"{from} status after {by}'s read: exit {status.ExitCode}: {status.Stderr}");
        Assert.Matches($"^{ReadAt}, confirmed by the reader's client\nnote: {Regex.Escape(NoteShown)}\n$", status.StdoutText);
    }

    [Theory]
    [MemberData(nameof(SendersAndReaders))]
    public async Task TwoViews_OnlyTheLastReadConfirms_WhicheverLanguageTakesIt(string sender, string reader)
    {
        await using var server = await ServerUnderTest.StartAsync();
        var from = Peer.Get(sender);
        var by = Peer.Get(reader);
        var environment = Environment(server);
        var link = await SendAsync(from, environment, "--views", "2");

        var first = await by.RunAsync(["read", "-", "--note", "first"], link, environment);
        var waiting = await by.RunAsync(["status", "-"], link, environment);
        var last = await from.RunAsync(["read", "-", "--note", "last"], link, environment);
        var status = await by.RunAsync(["status", "-"], link, environment);

        Assert.True(first.ExitCode == 0, $"{by} reading the first view: {first.Stderr}");
        Assert.Equal("onetime: the link can be read 1 more time.\nonetime: the note was not sent: only the last view confirms a read.\n", first.Stderr);
        Assert.Matches(@"^waiting, 1 view left, expires \S+Z, last read \S+Z\n$", waiting.StdoutText);
        Assert.True(last.ExitCode == 0, $"{from} reading the last view: {last.Stderr}");
        Assert.Equal(Secret, last.Stdout);
        Assert.Equal("onetime: the sender was told you read it (confirmed, with your note).\n", last.Stderr);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches($"^{ReadAt}, confirmed by the reader's client\nnote: last\n$", status.StdoutText);
    }

    private static async Task<byte[]> SendAsync(Peer from, Dictionary<string, string> environment, params string[] options)
    {
        var sent = await from.RunAsync(["send", .. options], Secret, environment);
        Assert.True(sent.ExitCode == 0, $"{from} sending: {sent.Stderr}");
        return Encoding.UTF8.GetBytes(Assert.Single(sent.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "\n");
    }

    private Dictionary<string, string> Environment(ServerUnderTest server, string? passphrase = null) =>
        PeerEnvironment.For(server, Path.Combine(_scratch.FullName, "home"), passphrase);

    public void Dispose() => _scratch.Delete(recursive: true);
}
