using OneTime.Testing;

namespace OneTime.ReverseProxy.Tests;

/// <summary>
/// Debian's nginx or Caddy with the shipped configuration (deploy/nginx-site.conf, deploy/Caddyfile), TLS on a free
/// 127.0.0.1 port with a throwaway certificate, in front of a server's Web and Grpc ports. Runs as whoever runs the
/// tests, with every file it writes in a temporary folder.
/// </summary>
internal sealed class ReverseProxy : IDisposable
{
    public const string Nginx = "nginx";
    public const string Caddy = "caddy";

    private const string NginxExecutable = "/usr/sbin/nginx";
    private const string CaddyExecutable = "/usr/bin/caddy";

    private readonly string _directory;
    private readonly BackgroundProcess _process;

    private ReverseProxy(string directory, BackgroundProcess process, int port, SelfSignedCertificate certificate)
    {
        _directory = directory;
        _process = process;
        Uri = new Uri($"https://127.0.0.1:{port}");
        Certificate = certificate;
    }

    /// <summary>The proxy's TLS address, which clients call for gRPC, gRPC-Web and the pages alike.</summary>
    public Uri Uri { get; }

    public SelfSignedCertificate Certificate { get; }

    public string Output => _process.Output;

    public static TheoryData<string> Kinds() => new() { Nginx, Caddy };

    /// <remarks>On free ports, and again on others when one was taken before the proxy bound it.</remarks>
    public static Task<ReverseProxy> StartAsync(string kind, int webPort, int grpcPort) =>
        FreePorts.StartAsync(2, ports => StartAsync(kind, ports[0], ports[1], webPort, grpcPort));

    private static async Task<ReverseProxy> StartAsync(string kind, int port, int httpPort, int webPort, int grpcPort)
    {
        var directory = Directory.CreateTempSubdirectory($"onetime-{kind}-").FullName;
        var certificate = new SelfSignedCertificate(directory);
        var process = kind == Nginx
            ? StartNginx(directory, certificate, port, webPort, grpcPort)
            : StartCaddy(directory, certificate, port, httpPort, webPort, grpcPort);
        var proxy = new ReverseProxy(directory, process, port, certificate);
        try
        {
            // Each writes this once it listens on its ports (nginx binds them before it starts its workers).
            await process.WaitForOutputAsync(kind == Nginx ? "start worker processes" : "serving initial configuration", port, httpPort);
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    private static BackgroundProcess StartNginx(string directory, SelfSignedCertificate certificate, int port, int webPort, int grpcPort)
    {
        var site = DeployFile.Fill("nginx-site.conf",
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;"),
            ("listen [::]:443 ssl http2;", ""),
            ("/etc/ssl/onetime/fullchain.pem", certificate.CertificatePath),
            ("/etc/ssl/onetime/privkey.pem", certificate.KeyPath),
            ("127.0.0.1:5080", $"127.0.0.1:{webPort}"),
            ("127.0.0.1:5081", $"127.0.0.1:{grpcPort}"));
        File.WriteAllText(Path.Combine(directory, "onetime.conf"), site);

        // What Debian's /etc/nginx/nginx.conf gives a site file, minus what needs root: the site is included in http {}
        // as conf.d/*.conf is. Run as root (a CI container), nginx would hand its workers to "nobody", who cannot read
        // this folder; so they stay with the user running the tests.
        var main = $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log stderr info;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/onetime.conf;
            }
            """;
        var config = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(config, main);
        return BackgroundProcess.Start(NginxExecutable, ["-e", "stderr", "-p", directory, "-c", config, "-g", "daemon off;"], directory);
    }

    private static BackgroundProcess StartCaddy(string directory, SelfSignedCertificate certificate, int port, int httpPort, int webPort, int grpcPort)
    {
        var site = DeployFile.Fill("Caddyfile",
            // The site's name becomes this address, with the test certificate instead of one from an ACME CA.
            ("onetime.example.com {", $"127.0.0.1:{port} {{\n\ttls {certificate.CertificatePath} {certificate.KeyPath}"),
            ("127.0.0.1:5080", $"127.0.0.1:{webPort}"),
            ("127.0.0.1:5081", $"127.0.0.1:{grpcPort}"));

        // Global options for a test: no admin endpoint on :2019 and no HTTP->HTTPS redirect on :80 (both shared with
        // anything else on the machine), state in this folder, TCP only.
        var global = $$"""
            {
                admin off
                auto_https disable_redirects
                http_port {{httpPort}}
                storage file_system {{directory}}/data
                servers {
                    protocols h1 h2
                }
            }

            """;
        var config = Path.Combine(directory, "Caddyfile");
        File.WriteAllText(config, global + site);
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["XDG_DATA_HOME"] = Path.Combine(directory, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(directory, "config"),
        };
        return BackgroundProcess.Start(CaddyExecutable, ["run", "--config", config, "--adapter", "caddyfile"], directory, environment);
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
