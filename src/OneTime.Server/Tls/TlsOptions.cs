namespace OneTime.Server.Tls;

/// <summary>
/// Direct TLS, bound from <c>OneTime:Tls</c>: with a certificate and key set, one more Kestrel endpoint serves gRPC
/// (HTTP/2 chosen by ALPN), gRPC-Web and the UI (HTTP/1.1) on <see cref="Url"/>, and responses there carry HSTS.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "OneTime:Tls";

    /// <summary>The certificate (chain) PEM file, leaf first.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The private key PEM file (PKCS#8 or PKCS#1/SEC1, unencrypted).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Where the HTTPS endpoint listens.</summary>
    public string Url { get; set; } = "https://*:5443";

    /// <summary>The HSTS max-age sent on HTTPS responses.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool IsEnabled => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath);
}
