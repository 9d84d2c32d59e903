using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OneTime.ReverseProxy.Tests;

/// <summary>A throwaway self-signed certificate for 127.0.0.1, as the PEM files a proxy reads.</summary>
internal sealed class TestCertificate
{
    public TestCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=onetime.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Thumbprint = certificate.Thumbprint;
        CertificatePath = Path.Combine(directory, "tls.crt");
        KeyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Also the CA file for <c>buf curl --cacert</c>: a self-signed certificate is its own root.</summary>
    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string Thumbprint { get; }
}
