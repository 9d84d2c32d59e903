using System.Security.Authentication;

namespace OneTime.Client.Internal.Transport;

/// A failed TLS handshake in words. The HttpClient is the caller's, so its certificate callback is not ours to
/// hook; .NET names the failed checks in the AuthenticationException's message by their SslPolicyErrors and
/// X509ChainStatusFlags names, which are stable identifiers, and those are what is matched here.
internal static class TlsFailure
{
    private static readonly (string Token, string Meaning)[] Problems =
    [
        ("RemoteCertificateNameMismatch", "the certificate is for another host name"),
        ("NotTimeValid", "the certificate has expired or is not valid yet"),
        ("UntrustedRoot", "the certificate is not issued by a trusted certificate authority"),
        ("PartialChain", "the certificate is not issued by a trusted certificate authority"),
        ("Revoked", "the certificate was revoked"),
        ("NotSignatureValid", "the certificate's signature does not verify"),
        ("RemoteCertificateNotAvailable", "the server sent no certificate"),
    ];

    public static AuthenticationException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException authentication)
            {
                return authentication;
            }
        }

        return null;
    }

    public static SecureConnectionException ToException(AuthenticationException failure, Uri address)
    {
        var problems = Problems.Where(p => failure.Message.Contains(p.Token, StringComparison.Ordinal)).Select(p => p.Meaning).Distinct().ToList();
        var reason = problems.Count > 0 ? string.Join("; ", problems) : "the handshake failed (" + failure.Message.TrimEnd('.') + ")";
        return new SecureConnectionException($"TLS with {address.GetLeftPart(UriPartial.Authority)} failed: {reason}.", failure);
    }
}
