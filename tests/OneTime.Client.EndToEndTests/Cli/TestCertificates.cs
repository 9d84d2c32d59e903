using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OneTime.Client.EndToEndTests.Cli;

/// A private CA and server certificates it signed, as PEM files in a temporary folder: one for "localhost"
/// valid now, one that expired yesterday. No IP address in them, so https://127.0.0.1 is a name mismatch.
internal sealed class TestCertificates : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("onetime-tls-");

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=OneTime Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        CaPath = Write("ca.pem", ca.ExportCertificatePem());

        (CertificatePath, KeyPath) = Issue(ca, "localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        (ExpiredCertificatePath, ExpiredKeyPath) = Issue(ca, "expired", DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-2));
    }

    public string CaPath { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string ExpiredCertificatePath { get; }

    public string ExpiredKeyPath { get; }

    private (string Certificate, string Key) Issue(X509Certificate2 ca, string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        using var certificate = request.Create(ca, from, to, RandomNumberGenerator.GetBytes(16));
        return (Write(name + ".pem", certificate.ExportCertificatePem()), Write(name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
