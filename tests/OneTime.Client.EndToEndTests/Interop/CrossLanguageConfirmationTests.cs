using System.Text;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// Read confirmations across languages, against the real server on both stores: a confirmation the TypeScript client
/// seals opens in the C# CLI's status with its note, and one the C# CLI seals opens in the TypeScript client's status.
/// (The shared vectors, protos/testdata/confirmation-v1.json, pin the bytes; this pins the calls around them.)
/// </summary>
public sealed class CrossLanguageConfirmationTests : IDisposable
{
    private const string Note = "got it ✓, rotating now";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("onetime-interop-confirm-");

    public static TheoryData<string> Stores => new() { "memory", "redis" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task TypeScriptReadsWithANote_CSharpStatusShowsItConfirmed(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(Peer.Get(Peer.CSharp), server);

        var read = await Peer.Get(Peer.TypeScript).RunAsync(["read", "--note", Note], link, Environment(server));
        var status = await Peer.Get(Peer.CSharp).RunAsync(["status", "-"], link, Environment(server));

        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal("onetime: the sender was told you read it (confirmed).\n", read.Stderr);
        Assert.Equal(3, status.ExitCode);
        Assert.Matches($@"^read at \S+Z, confirmed by the reader's client\nnote: {Note}\n$", status.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task CSharpReadsWithANote_TypeScriptStatusShowsItConfirmed(string store)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var link = await SendAsync(Peer.Get(Peer.TypeScript), server);

        var read = await Peer.Get(Peer.CSharp).RunAsync(["read", "-", "--note", Note], link, Environment(server));
        var status = await Peer.Get(Peer.TypeScript).RunAsync(["status"], link, Environment(server));

        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal("onetime: the sender was told you read it (confirmed, with your note).\n", read.Stderr);
        Assert.True(status.ExitCode == 3, status.Stderr);
        Assert.Matches($@"^read at \S+Z, confirmed by the reader's client\nnote: ""{Note}""\n$", status.StdoutText);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private async Task<byte[]> SendAsync(Peer from, ServerUnderTest server)
    {
        var sent = await from.RunAsync(["send"], "the staging key"u8.ToArray(), Environment(server));
        Assert.True(sent.ExitCode == 0, $"{from} sending: {sent.Stderr}");
        return Encoding.UTF8.GetBytes(sent.StdoutText.Trim() + "\n");
    }

    private Dictionary<string, string> Environment(ServerUnderTest server) => PeerEnvironment.For(server, _scratch.FullName);
}
