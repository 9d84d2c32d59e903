using OneTime.Testing;
using System.Net;
using System.Net.Sockets;

namespace OneTime.Client.EndToEndTests.Cli;

/// The server's own TLS endpoint (OneTime:Tls) with a certificate from a private CA: each certificate problem
/// named, and --ca making the call work.
public sealed class CliTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task Send_PrivateCaWithoutCa_FailsNamingTheUntrustedIssuer_WithCaRoundTrips()
    {
        var (server, host) = await StartAsync(_certificates.CertificatePath, _certificates.KeyPath);
        await using (server)
        {
            var refused = await CliRunner.RunAsync(["send", "--host", host], "tls"u8.ToArray());
            var send = await CliRunner.RunAsync(["send", "--host", host, "--ca", _certificates.CaPath], "tls"u8.ToArray());
            var withoutCa = await CliRunner.RunAsync(["read", "-"], send.Stdout);
            var read = await CliRunner.RunAsync(["read", "--ca", _certificates.CaPath, "-"], send.Stdout);

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("not issued by a trusted certificate authority", refused.Stderr);
            Assert.Contains("--ca", refused.Stderr);
            Assert.Equal(0, send.ExitCode);
            Assert.Equal(1, withoutCa.ExitCode); // refused before anything was sent: the secret is still there
            Assert.Equal("tls", read.StdoutText);
        }
    }

    [Fact]
    public async Task Send_HostNameNotInCertificate_FailsNamingTheMismatch()
    {
        var (server, host) = await StartAsync(_certificates.CertificatePath, _certificates.KeyPath);
        await using (server)
        {
            var send = await CliRunner.RunAsync(["send", "--host", host.Replace("localhost", "127.0.0.1"), "--ca", _certificates.CaPath], "x"u8.ToArray());

            Assert.Equal(1, send.ExitCode);
            Assert.Contains("the certificate is for another host name", send.Stderr);
        }
    }

    [Fact]
    public async Task Send_ExpiredCertificate_FailsNamingTheExpiry()
    {
        var (server, host) = await StartAsync(_certificates.ExpiredCertificatePath, _certificates.ExpiredKeyPath);
        await using (server)
        {
            var send = await CliRunner.RunAsync(["send", "--host", host, "--ca", _certificates.CaPath], "x"u8.ToArray());

            Assert.Equal(1, send.ExitCode);
            Assert.Contains("the certificate has expired or is not valid yet", send.Stderr);
        }
    }

    [Fact]
    public async Task Send_CaFileNotPem_Exit2()
    {
        var send = await CliRunner.RunAsync(["send", "--host", "https://localhost:1", "--ca", _certificates.KeyPath], "x"u8.ToArray());

        Assert.Equal(2, send.ExitCode);
        Assert.Contains("--ca", send.Stderr);
    }

    // On a free port, and on another when that one was taken before Kestrel bound it.
    private static Task<(ServerUnderTest Server, string Host)> StartAsync(string certificate, string key) => FreePorts.StartAsync(1, async ports =>
    {
        try
        {
            var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?>
            {
                ["OneTime:Tls:CertificatePath"] = certificate,
                ["OneTime:Tls:KeyPath"] = key,
                ["OneTime:Tls:Url"] = $"https://127.0.0.1:{ports[0]}",
            });
            return (server, $"https://localhost:{ports[0]}");
        }
        catch (IOException exception) when (FreePorts.SaysPortTaken(exception.Message, ports))
        {
            throw new PortTakenException(exception.Message);
        }
    });

    public void Dispose() => _certificates.Dispose();
}
