using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OneTime.Client;

namespace OneTime.Cli;

/// One short-lived client per invocation. A connect timeout well under the call deadline makes "server down"
/// answer fast (exit 4) instead of waiting out the full deadline.
internal static class ClientFactory
{
    public static OneTimeClient Create(Uri? baseAddress = null, FileInfo? trustedCa = null)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        if (trustedCa is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = PrivateCaPolicy(trustedCa) };
        }

        var options = new OneTimeClientOptions { BaseAddress = baseAddress };
        return new OneTimeClient(new HttpClient(handler, disposeHandler: true), options);
    }

    // CustomRootTrust: the chain must end at one of these certificates instead of the system's roots, for this
    // call only. The platform's other checks (host name, validity dates) stay as they are. No revocation check:
    // a private CA rarely publishes a CRL or OCSP responder, and the default (online) would then fail every call.
    private static X509ChainPolicy PrivateCaPolicy(FileInfo file)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new UsageException($"--ca: cannot read a PEM certificate from '{file.FullName}' ({e.Message.TrimEnd('.')}).");
        }

        if (roots.Count == 0)
        {
            throw new UsageException($"--ca: '{file.FullName}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
