using System.Text;
using System.Text.RegularExpressions;

namespace OneTime.Client.EndToEndTests.Cli;

/// onetime request, send --to and read of a reply, as two users with two homes run them against the real server.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key file modes are part of what is checked
public sealed partial class CliRequestTests
{
    [Fact]
    public async Task Request_SendToFromAnotherHome_ReadOnceWhereRequested_SenderCannotRead()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        using var requester = CliHome.Create(xdg: false);
        using var sender = CliHome.Create(xdg: true);

        var request = await CliRunner.RunAsync(["request", "--note", "the staging DB password", "--host", server.WebUri.AbsoluteUri], environment: requester.Environment);
        var requestLink = request.StdoutText.TrimEnd('\n');
        var fingerprint = Fingerprint().Match(request.Stderr).Groups[1].Value;
        var keyId = requestLink.Length > 0 ? KeyIdOf(requester) : "";
        var send = await CliRunner.RunAsync(["send", "--to", requestLink], "sk_live_from_b"u8.ToArray(), sender.Environment);
        var replyLink = send.StdoutText.TrimEnd('\n');
        var senderRead = await CliRunner.RunAsync(["read", replyLink], environment: sender.Environment);
        var first = await CliRunner.RunAsync(["read", replyLink], environment: requester.Environment);
        var second = await CliRunner.RunAsync(["read", replyLink], environment: requester.Environment);

        Assert.Equal(0, request.ExitCode);
        Assert.StartsWith(server.WebUri.AbsoluteUri + "r#1.", requestLink);
        Assert.Single(request.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$", fingerprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(requester.RequestsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(requester.KeyFile(keyId)));
        Assert.False(Directory.Exists(sender.RequestsPath));

        Assert.Equal(0, send.ExitCode);
        Assert.Contains("Fingerprint: " + fingerprint, send.Stderr); // the sender sees the same fingerprint
        Assert.Contains("the staging DB password", send.Stderr);
        Assert.StartsWith(server.WebUri.AbsoluteUri + "s#1r.", replyLink);
        Assert.EndsWith("." + keyId, replyLink);
        Assert.Single(send.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(6, senderRead.ExitCode);
        Assert.Contains("opens only where the request was made", senderRead.Stderr);
        Assert.Empty(senderRead.Stdout);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("sk_live_from_b", first.StdoutText);
        Assert.Equal(3, second.ExitCode);
        Assert.Empty(second.Stdout);
    }

    [Fact]
    public async Task SendTo_TamperedRequestLink_Exit2AndNothingStored()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        using var requester = CliHome.Create(xdg: true);
        using var sender = CliHome.Create(xdg: true);
        var link = (await CliRunner.RunAsync(["request", "--host", server.WebUri.AbsoluteUri], environment: requester.Environment)).StdoutText.Trim();
        var at = link.IndexOf("#1.", StringComparison.Ordinal) + 13; // a character of X: (X', Y) is off the curve
        var tampered = link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];

        var send = await CliRunner.RunAsync(["send", "--to", tampered], "never sent"u8.ToArray(), sender.Environment);
        var cut = await CliRunner.RunAsync(["send", "--to", link[..^2]], "never sent"u8.ToArray(), sender.Environment);
        var withPassphrase = await CliRunner.RunAsync(["send", "--to", link, "--passphrase"], "never sent"u8.ToArray(), sender.Environment);

        Assert.Equal(2, send.ExitCode);
        Assert.Contains("not a valid OneTime request link", send.Stderr);
        Assert.DoesNotContain(tampered, send.Stderr);
        Assert.Empty(send.Stdout);
        Assert.Equal(2, cut.ExitCode);
        Assert.Equal(2, withPassphrase.ExitCode);
    }

    [Fact]
    public async Task SendTo_TtlOutsideTheServersRangeOrViews_Exit2BeforeUploading()
    {
        await using var server = await ServerUnderTest.StartAsync("memory", new Dictionary<string, string?> { ["OneTime:MaxTtl"] = "2.00:00:00", ["OneTime:DefaultTtl"] = "1.00:00:00" });
        using var requester = CliHome.Create(xdg: true);
        using var sender = CliHome.Create(xdg: true);
        var link = (await CliRunner.RunAsync(["request", "--host", server.WebUri.AbsoluteUri], environment: requester.Environment)).StdoutText.Trim();

        var tooLong = await CliRunner.RunAsync(["send", "--to", link, "--ttl", "3d"], "never sent"u8.ToArray(), sender.Environment);
        var views = await CliRunner.RunAsync(["send", "--to", link, "--views", "2"], "never sent"u8.ToArray(), sender.Environment);
        var fits = await CliRunner.RunAsync(["send", "--to", link, "--ttl", "2d"], "sent"u8.ToArray(), sender.Environment);

        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("between 1 minute and 2 days", tooLong.Stderr);
        Assert.DoesNotContain("Parameter", tooLong.Stderr);
        Assert.Empty(tooLong.Stdout);
        Assert.Equal(2, views.ExitCode);
        Assert.Contains("--views does not go with --to", views.Stderr);
        Assert.Equal(0, fits.ExitCode);
        var read = await CliRunner.RunAsync(["read", fits.StdoutText.Trim()], environment: requester.Environment);
        Assert.Equal("sent", read.StdoutText);
    }

    [Fact]
    public async Task Request_ListAndForget_ReplyToAForgottenRequestCannotBeRead()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        using var requester = CliHome.Create(xdg: true);
        using var sender = CliHome.Create(xdg: true);
        var host = server.WebUri.AbsoluteUri;
        var request = await CliRunner.RunAsync(["request", "--server", host, "--note", "evil\u001b]0;title\u0007\u202enote"], environment: requester.Environment);
        var keyId = KeyIdOf(requester);
        var reply = (await CliRunner.RunAsync(["send", "--to", request.StdoutText.Trim()], "x"u8.ToArray(), sender.Environment)).StdoutText.Trim();

        var list = await CliRunner.RunAsync(["request", "--list"], environment: requester.Environment);
        var forget = await CliRunner.RunAsync(["request", "--forget", keyId], environment: requester.Environment);
        var forgetAgain = await CliRunner.RunAsync(["request", "--forget", keyId], environment: requester.Environment);
        var read = await CliRunner.RunAsync(["read", reply], environment: requester.Environment);
        var listAfter = await CliRunner.RunAsync(["request", "--list"], environment: requester.Environment);

        Assert.Equal(0, request.ExitCode);
        Assert.StartsWith(keyId + "  ", list.StdoutText);
        Assert.Contains(@"evil\x1b]0;title\x07\u202enote", list.StdoutText); // shown as text, never obeyed
        Assert.Equal(-1, list.StdoutText.IndexOf('\u001b', StringComparison.Ordinal));
        Assert.Equal(0, forget.ExitCode);
        Assert.Equal(6, forgetAgain.ExitCode);
        Assert.Equal(6, read.ExitCode);
        Assert.Empty(listAfter.Stdout);
    }

    [Fact]
    public async Task Read_KeyFileOpenToOthers_IsRefusedAndTheReplyStaysUnread()
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        using var requester = CliHome.Create(xdg: true);
        using var sender = CliHome.Create(xdg: true);
        var request = await CliRunner.RunAsync(["request", "--host", server.WebUri.AbsoluteUri], environment: requester.Environment);
        var keyFile = requester.KeyFile(KeyIdOf(requester));
        var reply = (await CliRunner.RunAsync(["send", "--to", request.StdoutText.Trim()], "kept"u8.ToArray(), sender.Environment)).StdoutText.Trim();

        File.SetUnixFileMode(keyFile, File.GetUnixFileMode(keyFile) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var refused = await CliRunner.RunAsync(["read", reply], environment: requester.Environment);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var read = await CliRunner.RunAsync(["read", reply], environment: requester.Environment);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("chmod 600", refused.Stderr);
        Assert.DoesNotContain(await File.ReadAllTextAsync(keyFile, Encoding.UTF8), refused.Stderr);
        Assert.Equal(0, read.ExitCode);
        Assert.Equal("kept", read.StdoutText);
    }

    private static string KeyIdOf(CliHome home) => Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(home.RequestsPath)));

    [GeneratedRegex(@"Fingerprint: (\d{4} \d{4} \d{4} \d{4} \d{4})")]
    private static partial Regex Fingerprint();
}
