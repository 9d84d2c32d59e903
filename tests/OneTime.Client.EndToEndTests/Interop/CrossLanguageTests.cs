using System.Security.Cryptography;
using System.Text;
using OneTime.Client.EndToEndTests.Cli;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// Every language's client against the real server on both stores, as processes: a secret sent from each of C#,
/// TypeScript, Python and Go is read by each of them exactly once (text, a passphrase, a file of 1 MiB), a three-view
/// secret is read once by each of the three other languages, and a request made in one language is answered from
/// each; every second read fails with NotFound (exit 3) in whichever language tries it.
/// </summary>
public sealed class CrossLanguageTests : IDisposable
{
    private const string Passphrase = "correct horse ☃ battery\tstaple";

    // Large enough for the 1 MiB file once padded and sealed (protos/README.md: 1 MiB + its name pads to 1,114,112).
    private static readonly Dictionary<string, string?> Settings = new() { ["OneTime:MaxCiphertextBytes"] = "2097152" };

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("onetime-interop-");

    public static TheoryData<string, string> StoresAndSenders() => Combine(Peer.All);

    public static TheoryData<string, string> StoresAndRequesters() => Combine(Peer.WithCli);

    [Theory]
    [MemberData(nameof(StoresAndSenders))]
    public async Task Send_FromOneLanguage_EveryLanguageReadsItOnce(string store, string sender)
    {
        await using var server = await ServerUnderTest.StartAsync(store, Settings);
        var from = Peer.Get(sender);
        var links = new List<string>();

        for (var i = 0; i < Peer.All.Length; i++)
        {
            var secret = SecretFor(Array.IndexOf(Peer.All, sender) + i);
            var reader = Peer.Get(Peer.All[i]);
            var next = Peer.Get(Peer.All[(i + 1) % Peer.All.Length]);

            var link = await SendAsync(from, server, secret);
            var read = await reader.RunAsync(["read", "-"], link, Environment(server, secret.Passphrase));
            var again = await next.RunAsync(["read", "-"], link, Environment(server, secret.Passphrase));

            Assert.True(read.ExitCode == 0, $"{reader} reading {secret.Kind} from {from}: {read.Stderr}");
            Assert.True(secret.Content.AsSpan().SequenceEqual(read.Stdout), $"{reader} read other bytes of {secret.Kind} from {from}");
            AssertOneLineError(again, 3, $"{next} reading again {secret.Kind} from {from}");
            links.Add(Encoding.UTF8.GetString(link));
        }

        AssertNothingSecretLogged(server, links);
    }

    [Theory]
    [MemberData(nameof(StoresAndSenders))]
    public async Task Send_ThreeViews_EachOtherLanguageReadsOne_ThenNotFound(string store, string sender)
    {
        await using var server = await ServerUnderTest.StartAsync(store, Settings);
        var from = Peer.Get(sender);
        var secret = SecretFor(0);
        var link = await SendAsync(from, server, secret, "--views", "3");

        var left = 3;
        foreach (var reader in Peer.All.Where(name => name != sender).Select(Peer.Get))
        {
            var read = await reader.RunAsync(["read", "-"], link, Environment(server));
            left--;

            Assert.True(read.ExitCode == 0, $"{reader} reading a three-view secret from {from}: {read.Stderr}");
            Assert.Equal(secret.Content, read.Stdout);
            if (left > 0)
            {
                Assert.Contains($"can be read {left} more time{(left == 1 ? "" : "s")}.", read.Stderr);
            }
        }

        AssertOneLineError(await from.RunAsync(["read", "-"], link, Environment(server)), 3, $"{from} reading its own secret a fourth time");
    }

    [Theory]
    [MemberData(nameof(StoresAndRequesters))]
    public async Task Request_MadeInOneLanguage_AnsweredFromEach_OpensOnlyForTheRequester(string store, string requester)
    {
        await using var server = await ServerUnderTest.StartAsync(store, Settings);
        var asker = Peer.Get(requester);
        var environment = Environment(server);
        var request = await asker.RunAsync(["request", "--note", $"the {requester} staging password"], null, environment);
        Assert.True(request.ExitCode == 0, $"{asker} making a request: {request.Stderr}");
        var fingerprint = Assert.Single(System.Text.RegularExpressions.Regex.Matches(request.Stderr, @"\d{4} \d{4} \d{4} \d{4} \d{4}")).Value;

        foreach (var name in Peer.All)
        {
            var sender = Peer.Get(name);
            var secret = Encoding.UTF8.GetBytes($"reply from {name} to {requester}: hunter2 ✓");

            // The sender has a home of its own: it holds no request key, and needs none.
            var reply = await sender.RunAsync(["send", "--to", request.StdoutText.Trim()], secret, Environment(server, home: "sender"));
            Assert.True(reply.ExitCode == 0, $"{sender} replying to {asker}'s request: {reply.Stderr}");
            if (name != Peer.TypeScript)
            {
                Assert.Contains(fingerprint, reply.Stderr); // the sender sees the requester's fingerprint before sending
            }

            var read = await asker.RunAsync(["read", "-"], reply.Stdout, environment);
            var again = await asker.RunAsync(["read", "-"], reply.Stdout, environment);

            Assert.True(read.ExitCode == 0, $"{asker} reading {sender}'s reply: {read.Stderr}");
            Assert.Equal(secret, read.Stdout);
            AssertOneLineError(again, 3, $"{asker} reading {sender}'s reply again");
        }
    }

    /// <summary>The key files are one format: a request made in one language opens in the others on the same account.</summary>
    [Fact]
    public async Task Request_KeyKeptByOneLanguage_OpensInTheOthers()
    {
        await using var server = await ServerUnderTest.StartAsync("memory", Settings);
        var environment = Environment(server);

        foreach (var requester in Peer.WithCli)
        {
            var request = await Peer.Get(requester).RunAsync(["request"], null, environment);
            Assert.True(request.ExitCode == 0, $"{requester} making a request: {request.Stderr}");
            foreach (var reader in Peer.WithCli.Where(name => name != requester).Select(Peer.Get))
            {
                var secret = Encoding.UTF8.GetBytes($"for {requester}, opened by {reader}");
                var reply = await Peer.Get(Peer.CSharp).RunAsync(["send", "--to", request.StdoutText.Trim()], secret, Environment(server, home: "sender"));
                var read = await reader.RunAsync(["read", "-"], reply.Stdout, environment);

                Assert.True(read.ExitCode == 0, $"{reader} opening a reply to {requester}'s request: {read.Stderr}");
                Assert.Equal(secret, read.Stdout);
            }
        }
    }

    private static TheoryData<string, string> Combine(IEnumerable<string> peers)
    {
        var data = new TheoryData<string, string>();
        foreach (var store in new[] { "memory", "redis" })
        {
            foreach (var peer in peers)
            {
                data.Add(store, peer);
            }
        }

        return data;
    }

    private async Task<byte[]> SendAsync(Peer from, ServerUnderTest server, Secret secret, params string[] options)
    {
        string[] args = ["send", .. options];
        var stdin = secret.Content;
        if (secret.Kind == "file")
        {
            var path = Path.Combine(_scratch.FullName, $"{from}-{Guid.NewGuid():N}.bin");
            await File.WriteAllBytesAsync(path, secret.Content);
            args = [.. args, "--file", path];
            stdin = [];
        }

        var sent = await from.RunAsync(args, stdin, Environment(server, secret.Passphrase));
        Assert.True(sent.ExitCode == 0, $"{from} sending {secret.Kind}: {sent.Stderr}");
        var link = Assert.Single(sent.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(server.WebUri.AbsoluteUri + (secret.Passphrase is null ? "s#1." : "s#1p."), link);
        return Encoding.UTF8.GetBytes(link + "\n");
    }

    private Dictionary<string, string> Environment(ServerUnderTest server, string? passphrase = null, string home = "requester") =>
        PeerEnvironment.For(server, Path.Combine(_scratch.FullName, home), passphrase);

    private sealed record Secret(string Kind, byte[] Content, string? Passphrase = null);

    // Rotated over the pairs, so that every sender sends, and every reader reads, each kind.
    private static Secret SecretFor(int index) => (index % 3) switch
    {
        0 => new("text", Encoding.UTF8.GetBytes("sk_live_4eC39HqLyjWDarjtT1zdp7dc\nhéllo 🔑 across languages")),
        1 => new("passphrase", Encoding.UTF8.GetBytes("db password behind a passphrase: p@ss✓"), Passphrase),
        _ => new("file", RandomNumberGenerator.GetBytes(1024 * 1024)),
    };

    /// <summary>The exit code, nothing on stdout, and on stderr only "onetime: …" lines: the error last, after at most
    /// the passphrase link's notice of what wrong guesses cost. No traceback, no panic.</summary>
    private static void AssertOneLineError(CliResult result, int exitCode, string what)
    {
        Assert.True(result.ExitCode == exitCode, $"{what}: expected exit {exitCode}, got {result.ExitCode}: {result.Stderr}");
        Assert.Empty(result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.All(lines, line => Assert.StartsWith("onetime: ", line));
    }

    private static void AssertNothingSecretLogged(ServerUnderTest server, IEnumerable<string> links)
    {
        var logged = string.Join("\n", server.Server.Logs.Entries.Select(e => e.Message + " " + e.Exception));
        foreach (var fragment in links.Select(link => link[(link.IndexOf('#') + 1)..]))
        {
            var parts = fragment.Split('.');
            Assert.DoesNotContain(parts[1], logged); // the full id
            Assert.DoesNotContain(parts[2], logged); // the key
        }
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
