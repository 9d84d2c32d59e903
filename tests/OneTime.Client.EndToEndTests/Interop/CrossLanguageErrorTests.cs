using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using OneTime.Client.EndToEndTests.Cli;
using OneTime.Testing;

namespace OneTime.Client.EndToEndTests.Interop;

/// <summary>
/// Each bad input, met by the Python and Go CLIs as by the onetime CLI: the same exit code and the same last line on
/// stderr (the error itself), every line "onetime: …" (no traceback, no panic), nothing secret in it, and nothing
/// lost: what a refused call did not consume is still there to read.
/// </summary>
public sealed class CrossLanguageErrorTests : IDisposable
{
    private const string Secret = "sk_live_never_in_an_error";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("onetime-errors-");
    private readonly TestCertificates _certificates = new();

    public static TheoryData<string> Peers() => new(Peer.Python, Peer.Go);

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Read_MalformedLink_Exit2(string peer)
    {
        await AssertSameAsCSharpAsync(peer, 2, (cli, _) => cli.RunAsync(["read", "-"], "https://onetime.example/s#1.short\n"u8.ToArray(), new Dictionary<string, string>()));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Send_ServerUnreachable_Exit4(string peer)
    {
        var nowhere = new Dictionary<string, string> { ["ONETIME_HOST"] = "http://127.0.0.1:1", ["ONETIME_GRPC"] = "http://127.0.0.1:1" };
        await AssertSameAsCSharpAsync(peer, 4, (cli, _) => cli.RunAsync(["send"], Encoding.UTF8.GetBytes(Secret), nowhere));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Read_WrongPassphrase_Exit3_RightOneStillReads(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync();
        var link = await SendAsync(server, passphrase: "the right one");

        await AssertSameAsCSharpAsync(peer, 3, (cli, _) => cli.RunAsync(["read", "-"], link, Environment(server, "the wrong one")));

        var read = await Peer.Get(peer).RunAsync(["read", "-"], link, Environment(server, "the right one"));
        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal(Secret, read.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Read_TamperedCiphertext_Exit1(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync("redis");
        await AssertSameAsCSharpAsync(peer, 1, async (cli, _) =>
        {
            var link = await SendAsync(server);
            // The Redis entry under "onetime:{id}" is a 49-byte header, then the blob: change eight bytes of the
            // AES-GCM ciphertext, and the tag no longer verifies.
            var id = Encoding.UTF8.GetString(link).Split('#')[1].Split('.')[1];
            await RedisCli.RunAsync(server.Redis!.Port, "setrange", "onetime:" + id, "120", "TAMPERED");
            return await cli.RunAsync(["read", "-"], link, Environment(server));
        });
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Send_TtlOrViewsOutOfRange_Exit2NamingTheRange(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync();

        await AssertSameAsCSharpAsync(peer, 2, (cli, _) => cli.RunAsync(["send", "--ttl", "40d"], Encoding.UTF8.GetBytes(Secret), Environment(server)));
        await AssertSameAsCSharpAsync(peer, 2, (cli, _) => cli.RunAsync(["send", "--views", "1000"], Encoding.UTF8.GetBytes(Secret), Environment(server)));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Send_OverTheSizeLimit_Exit1NamingTheLimit(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:MaxCiphertextBytes"] = "1024" });

        var result = await AssertSameAsCSharpAsync(peer, 1, (cli, _) => cli.RunAsync(["send"], Encoding.UTF8.GetBytes(new string('x', 600)), Environment(server)));

        Assert.Contains("at most 1024 bytes", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Send_RateLimited_Exit5SayingWhenToRetry(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:RateLimits:Create:PermitLimit"] = "1",
            ["OneTime:RateLimits:Create:Window"] = "00:10:00",
        });
        await SendAsync(server); // the one send the budget allows

        // The wait left differs by the moments between the two calls; the words may not.
        var result = await AssertSameAsCSharpAsync(peer, 5, (cli, _) => cli.RunAsync(["send"], Encoding.UTF8.GetBytes(Secret), Environment(server)), digits: true);

        Assert.Matches(@"try again in \d+ (s|min)\.", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Send_TlsNameMismatchOrUntrusted_Exit1NamingTheProblem(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:Tls:CertificatePath"] = _certificates.CertificatePath,
            ["OneTime:Tls:KeyPath"] = _certificates.KeyPath,
            ["OneTime:Tls:Url"] = "https://127.0.0.1:0",
        });
        var port = server.Server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(address => new Uri(address)).Single(uri => uri.Scheme == Uri.UriSchemeHttps).Port;
        Dictionary<string, string> At(string host) => new() { ["ONETIME_HOST"] = $"https://{host}:{port}" };

        var mismatch = await AssertSameAsCSharpAsync(peer, 1,
            (cli, _) => cli.RunAsync(["send", "--ca", _certificates.CaPath], Encoding.UTF8.GetBytes(Secret), At("127.0.0.1")));
        var untrusted = await AssertSameAsCSharpAsync(peer, 1, (cli, _) => cli.RunAsync(["send"], Encoding.UTF8.GetBytes(Secret), At("localhost")));
        var trusted = await Peer.Get(peer).RunAsync(["send", "--ca", _certificates.CaPath], Encoding.UTF8.GetBytes(Secret), At("localhost"));
        var read = await Peer.Get(peer).RunAsync(["read", "--ca", _certificates.CaPath, "-"], trusted.Stdout, new Dictionary<string, string>());

        Assert.Contains("the certificate is for another host name", mismatch.Stderr);
        Assert.Contains("not issued by a trusted certificate authority", untrusted.Stderr);
        Assert.True(trusted.ExitCode == 0, trusted.Stderr);
        Assert.StartsWith($"https://localhost:{port}/s#1.", trusted.StdoutText);
        Assert.Equal(Secret, read.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Read_ReplyWhoseKeyIsElsewhere_Exit6_ReplyStillThere(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync();
        var request = await Peer.Get(peer).RunAsync(["request"], null, Environment(server, home: "requester"));
        var reply = await Peer.Get(Peer.CSharp).RunAsync(["send", "--to", request.StdoutText.Trim()], Encoding.UTF8.GetBytes(Secret), Environment(server));

        await AssertSameAsCSharpAsync(peer, 6, (cli, _) => cli.RunAsync(["read", "-"], reply.Stdout, Environment(server, home: "elsewhere")));

        var read = await Peer.Get(peer).RunAsync(["read", "-"], reply.Stdout, Environment(server, home: "requester"));
        Assert.Equal(Secret, read.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Read_OutOntoAnExistingFile_Exit2_SecretStillThere(string peer)
    {
        await using var server = await ServerUnderTest.StartAsync();
        var existing = Path.Combine(_scratch.FullName, "existing.txt");
        await File.WriteAllTextAsync(existing, "keep me");
        var link = await SendAsync(server);

        await AssertSameAsCSharpAsync(peer, 2, (cli, _) => cli.RunAsync(["read", "--out", existing, "-"], link, Environment(server)));

        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        var read = await Peer.Get(peer).RunAsync(["read", "-"], link, Environment(server));
        Assert.Equal(Secret, read.StdoutText);
    }

    /// <summary>
    /// Runs the case with the onetime CLI, then with <paramref name="peer"/>; both must exit <paramref name="exitCode"/>
    /// and end with the same error line (numbers aside with <paramref name="digits"/>). Returns the peer's run.
    /// </summary>
    private static async Task<CliResult> AssertSameAsCSharpAsync(
        string peer, int exitCode, Func<Peer, string, Task<CliResult>> run, bool digits = false)
    {
        var reference = await run(Peer.Get(Peer.CSharp), Peer.CSharp);
        var result = await run(Peer.Get(peer), peer);

        string LastLine(CliResult r)
        {
            var line = r.Stderr.TrimEnd('\n').Split('\n')[^1];
            return digits ? Regex.Replace(line, @"\d+", "N") : line;
        }

        Assert.True(reference.ExitCode == exitCode, $"onetime CLI: expected exit {exitCode}, got {reference.ExitCode}: {reference.Stderr}");
        Assert.True(result.ExitCode == exitCode, $"{peer}: expected exit {exitCode}, got {result.ExitCode}: {result.Stderr}");
        Assert.Equal(LastLine(reference), LastLine(result));
        Assert.Empty(result.Stdout);
        Assert.All(result.Stderr.TrimEnd('\n').Split('\n'), line => Assert.StartsWith("onetime: ", line));
        Assert.DoesNotContain(Secret, result.Stderr);
        Assert.DoesNotMatch("[A-Za-z0-9_-]{43}", result.Stderr); // no key
        return result;
    }

    private async Task<byte[]> SendAsync(ServerUnderTest server, string? passphrase = null)
    {
        var sent = await Peer.Get(Peer.CSharp).RunAsync(["send"], Encoding.UTF8.GetBytes(Secret), Environment(server, passphrase));
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        return sent.Stdout;
    }

    private Dictionary<string, string> Environment(ServerUnderTest server, string? passphrase = null, string home = "home") =>
        PeerEnvironment.For(server, Path.Combine(_scratch.FullName, home), passphrase);

    public void Dispose()
    {
        _certificates.Dispose();
        _scratch.Delete(recursive: true);
    }
}
