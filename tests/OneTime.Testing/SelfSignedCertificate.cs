using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OneTime.Testing;

/// <summary>
/// A throwaway certificate for 127.0.0.1 written as PEM files (<c>tls.crt</c>, <c>tls.key</c>), the way an operator
/// hands them over to the server or a proxy. Self-signed, so the certificate is also its own CA file.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    /// <param name="directory">Where to write the files; by default a temporary folder this object deletes.</param>
    public SelfSignedCertificate(string? directory = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Directory.CreateTempSubdirectory("onetime-tls-").FullName;

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=onetime.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("onetime.test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Thumbprint = certificate.Thumbprint;
        CertificatePath = Path.Combine(_directory, "tls.crt");
        KeyPath = Path.Combine(_directory, "tls.key");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string Thumbprint { get; }

    /// <summary>A client that trusts exactly this certificate (and nothing else it would not trust anyway).</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || cert?.GetCertHashString() == Thumbprint,
        },
    });

    public void Dispose()
    {
        if (_ownsDirectory) Directory.Delete(_directory, recursive: true);
    }
}
