using Microsoft.Extensions.Options;

namespace OneTime.Server.Tls;

internal static class TlsExtensions
{
    // The Kestrel endpoint OneTime:Tls becomes; the name is what its settings are found under.
    private const string EndpointSection = "Kestrel:Endpoints:Https";

    /// <summary>
    /// Turns <c>OneTime:Tls</c> into a Kestrel endpoint with the PEM certificate and key, speaking HTTP/1.1 and
    /// HTTP/2 (ALPN picks per connection), so one port serves gRPC, gRPC-Web and the UI. A missing or half-set
    /// pair fails start-up with the setting to fix.
    /// </summary>
    public static WebApplicationBuilder AddOneTimeTls(this WebApplicationBuilder builder)
    {
        var tls = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName);
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = tls.HstsMaxAge;
            hsts.IncludeSubDomains = false;
        });
        if (!tls.IsEnabled)
        {
            return builder;
        }

        var failures = new List<string>();
        if (string.IsNullOrEmpty(tls.CertificatePath) || !File.Exists(tls.CertificatePath))
            failures.Add($"OneTime:Tls:CertificatePath must name a readable PEM certificate file ('{tls.CertificatePath}').");
        if (string.IsNullOrEmpty(tls.KeyPath) || !File.Exists(tls.KeyPath))
            failures.Add($"OneTime:Tls:KeyPath must name a readable PEM private key file ('{tls.KeyPath}').");
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(TlsOptions.SectionName, typeof(TlsOptions), failures);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EndpointSection}:Url"] = tls.Url,
            [$"{EndpointSection}:Protocols"] = "Http1AndHttp2",
            [$"{EndpointSection}:Certificate:Path"] = tls.CertificatePath,
            [$"{EndpointSection}:Certificate:KeyPath"] = tls.KeyPath,
        });
        return builder;
    }

    /// <summary>HSTS on HTTPS responses (UseHsts skips plain HTTP and, by default, localhost).</summary>
    public static IApplicationBuilder UseOneTimeHsts(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<TlsOptions>>().Value.IsEnabled ? app.UseHsts() : app;
}
