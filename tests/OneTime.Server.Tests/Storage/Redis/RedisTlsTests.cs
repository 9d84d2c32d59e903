using OneTime.Testing;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OneTime.Server.Storage;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Redis;

/// <summary>rediss:// against redis-server's own TLS port, with a self-signed certificate made for the test.</summary>
public sealed class RedisTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("onetime-redis-tls-").FullName;
    private readonly X509Certificate2 _certificate;

    public RedisTlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(CertificateFile, _certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    private string CertificateFile => Path.Combine(_directory, "redis.crt");

    private string KeyFile => Path.Combine(_directory, "redis.key");

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TakeAsync_RedissWithTrustedCertificate_Works()
    {
        await using var redis = await StartTlsRedisAsync();
        await using var store = RedisStores.Create(
            RedisStores.Options($"rediss://:tls-secret@127.0.0.1:{redis.TlsPort}/0"),
            configuration => configuration.CertificateValidation +=
                (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString());
        var key = SecretKey.Create(RandomNumberGenerator.GetBytes(SecretKey.IdSize), RandomNumberGenerator.GetBytes(SecretKey.AuthTokenSize));

        await store.TryAddAsync(key, new byte[] { 1, 2 }, TimeSpan.FromMinutes(1), default);
        var taken = await store.TakeAsync(key, default);

        Assert.Equal(new byte[] { 1, 2 }, taken);
    }

    [Fact]
    public async Task TakeAsync_RedissWithUntrustedCertificate_ThrowsUnavailable()
    {
        await using var redis = await StartTlsRedisAsync();
        await using var store = RedisStores.Create($"rediss://:tls-secret@127.0.0.1:{redis.TlsPort}/0");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.TakeAsync(
            SecretKey.Create(new byte[SecretKey.IdSize], new byte[SecretKey.AuthTokenSize]), default).AsTask());

        Assert.Contains($"127.0.0.1:{redis.TlsPort}", error.Message);
    }

    // The plain port stays open too: RedisServer uses it to see that the server is up.
    private Task<RedisServer> StartTlsRedisAsync() => RedisServer.StartNewWithTlsAsync("tls-secret", CertificateFile, KeyFile);
}
