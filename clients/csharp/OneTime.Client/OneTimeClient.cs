using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Links;
using OneTime.Client.Internal.Requests;
using OneTime.Client.Internal.Transport;
using OneTime.V1;

namespace OneTime.Client;

/// <summary>
/// Sends and reads one-time secrets. Secrets are encrypted here, before anything is sent: the service stores only
/// ciphertext, and the key travels only in the link's fragment.
/// </summary>
/// <remarks>
/// Thread-safe; create one per <see cref="HttpClient"/>. Works as a typed client:
/// <c>services.AddHttpClient&lt;OneTimeClient&gt;(c =&gt; c.BaseAddress = new Uri("https://onetime.example"))</c>.
/// </remarks>
public sealed partial class OneTimeClient
{
    /// <summary>The shortest TTL the service accepts.</summary>
    public static readonly TimeSpan MinimumTtl = TimeSpan.FromMinutes(1);

    /// <summary>The longest TTL the service accepts.</summary>
    public static readonly TimeSpan MaximumTtl = TimeSpan.FromDays(30);

    /// <summary>The TTL used when none is given.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(7);

    private readonly OneTimeClientOptions _options;
    private readonly Uri _baseAddress;
    private readonly SecretServiceCaller _caller;

    /// <summary>Creates a client that uses gRPC-Web against <see cref="HttpClient.BaseAddress"/> (or http://localhost:5080).</summary>
    /// <param name="httpClient">The HTTP client; not disposed by this client.</param>
    public OneTimeClient(HttpClient httpClient)
        : this(httpClient, new OneTimeClientOptions())
    {
    }

    /// <summary>Creates a client with explicit settings.</summary>
    /// <param name="httpClient">The HTTP client; not disposed by this client.</param>
    /// <param name="options">Where to send, which transport, and the call deadline.</param>
    public OneTimeClient(HttpClient httpClient, OneTimeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        _options = options;
        _baseAddress = options.BaseAddress ?? httpClient.BaseAddress ?? OneTimeClientOptions.DefaultBaseAddress;
        _caller = new SecretServiceCaller(httpClient, options.Transport, options.Timeout);
    }

    /// <summary>Encrypts and stores a text secret.</summary>
    /// <param name="text">The secret.</param>
    /// <param name="ttl">How long it may wait unread, 1 minute to 30 days; 7 days when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    public Task<SecretLink> SendAsync(string text, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default) =>
        SendAsync(OneTimeSecret.FromText(text), ttl, passphrase, cancellationToken);

    /// <summary>Encrypts and stores raw bytes, as a file without a name.</summary>
    /// <param name="ttl">How long it may wait unread, 1 minute to 30 days; 7 days when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    /// <param name="bytes">The secret.</param>
    public Task<SecretLink> SendAsync(ReadOnlyMemory<byte> bytes, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default) =>
        SendAsync(OneTimeSecret.FromFile(bytes), ttl, passphrase, cancellationToken);

    /// <summary>Encrypts and stores a file, with its name (without directories).</summary>
    /// <param name="ttl">How long it may wait unread, 1 minute to 30 days; 7 days when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    /// <param name="path">The file to send.</param>
    /// <param name="mediaType">Its media type; <c>application/octet-stream</c> when <see langword="null"/>.</param>
    public async Task<SecretLink> SendFileAsync(
        string path, TimeSpan? ttl = null, string? passphrase = null, string? mediaType = null, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await SendAsync(OneTimeSecret.FromFile(content, Path.GetFileName(path), mediaType), ttl, passphrase, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Encrypts and stores a secret.</summary>
    /// <param name="ttl">How long it may wait unread, 1 minute to 30 days; 7 days when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    /// <param name="secret">The text or file.</param>
    /// <exception cref="SecretTooLargeException">The encrypted secret is larger than the service accepts.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address; <see cref="RateLimitedException.RetryAfter"/> says when to retry.</exception>
    /// <exception cref="StoreFullException">The service has no room for it now.</exception>
    /// <exception cref="InvalidSecretRequestException">The service rejected the request otherwise.</exception>
    /// <exception cref="SecureConnectionException">The service's TLS certificate could not be verified.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<SecretLink> SendAsync(
        OneTimeSecret secret, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var lifetime = ttl ?? DefaultTtl;
        if (lifetime < MinimumTtl || lifetime > MaximumTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), "The TTL must be between 1 minute and 30 days.");
        }

        if (passphrase is { Length: 0 })
        {
            throw new ArgumentException("A passphrase cannot be empty; pass null for none.", nameof(passphrase));
        }

        var sealedSecret = SecretCodec.Seal(secret, passphrase);
        var request = new StoreRequest
        {
            Ciphertext = ByteString.CopyFrom(sealedSecret.Blob),
            AuthToken = ByteString.CopyFrom(sealedSecret.AuthToken),
            Ttl = Duration.FromTimeSpan(lifetime),
        };
        var response = await _caller.CallAsync(_options.ServiceAddress ?? _baseAddress, (c, o) => c.StoreAsync(request, o), cancellationToken, storing: true)
            .ConfigureAwait(false);
        if (response.Id.Length != LinkFragment.IdLength)
        {
            throw new OneTimeException("The service returned a malformed id.");
        }

        var fragment = new LinkFragment(response.Id, sealedSecret.Key, passphrase is not null);
        return new SecretLink(ParsedLink.Build(_baseAddress, fragment), response.ExpiresAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow + lifetime);
    }

    /// <summary>Reads a secret and deletes it on the service: the second read of a link fails.</summary>
    /// <param name="link">The link from <see cref="SendAsync(OneTimeSecret, TimeSpan?, string?, CancellationToken)"/>.</param>
    /// <param name="passphrase">The passphrase, when the link requires one (<see cref="RequiresPassphrase"/>); ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    /// <exception cref="SecretNotFoundException">Already read, expired, or wrong link or passphrase (a wrong passphrase deletes nothing).</exception>
    /// <exception cref="SecretDecryptionException">The ciphertext is corrupted.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address; nothing was read.</exception>
    /// <exception cref="SecureConnectionException">The service's TLS certificate could not be verified.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<OneTimeSecret> ReadAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var (address, keys) = Prepare(link, passphrase);
        var request = new RetrieveRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
        var response = await _caller.CallAsync(address.Service, (c, o) => c.RetrieveAsync(request, o), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return SecretCodec.Open(response.Ciphertext.Span, keys);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keys.EncryptionKey);
        }
    }

    /// <summary>Tells whether a secret is still unread, without reading or deleting it.</summary>
    /// <param name="link">The link.</param>
    /// <param name="passphrase">The passphrase, when the link requires one; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it exists, and until when.</returns>
    public async Task<SecretStatus> ExistsAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var (address, keys) = Prepare(link, passphrase);
        var request = new ExistsRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
        var response = await _caller.CallAsync(address.Service, (c, o) => c.ExistsAsync(request, o), cancellationToken)
            .ConfigureAwait(false);
        return new SecretStatus(response.Exists, response.Exists ? response.ExpiresAt?.ToDateTimeOffset() : null);
    }

    /// <summary>Destroys a secret unread: retrieves it and discards the ciphertext without decrypting it.</summary>
    /// <param name="link">The link.</param>
    /// <param name="passphrase">The passphrase, when the link requires one; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task BurnAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var (address, keys) = Prepare(link, passphrase);
        var request = new RetrieveRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
        await _caller.CallAsync(address.Service, (c, o) => c.RetrieveAsync(request, o), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells whether a link was sent with a passphrase, which the reader must then give.</summary>
    /// <param name="link">The link.</param>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    public static bool RequiresPassphrase(string link) =>
        !IsReplyLink(link) && !RequestLink.TryParse(link, out _) && Parse(link).Fragment.PassphraseRequired;

    private (LinkAddress Address, DerivedKeys Keys) Prepare(string link, string? passphrase)
    {
        if (TryPrepareReply(link, out var replyAddress, out var replyKeys))
        {
            return (replyAddress, replyKeys);
        }

        var parsed = Parse(link);
        if (parsed.Fragment.PassphraseRequired && string.IsNullOrEmpty(passphrase))
        {
            throw new ArgumentException("This link requires a passphrase.", nameof(passphrase));
        }

        var keys = KeyDerivation.Derive(parsed.Fragment.Key, parsed.Fragment.PassphraseRequired ? passphrase : null);
        return (new LinkAddress(_options.ServiceAddress ?? parsed.BaseAddress, parsed.Fragment.Id), keys);
    }

    private static ParsedLink Parse(string link) =>
        ParsedLink.TryParse(link, out var parsed)
            ? parsed!
            : throw new InvalidLinkException("This is not a valid OneTime link ({base URL}/s#1.{id}.{key}); was it cut short when copied?");

    private readonly record struct LinkAddress(Uri Service, string Id);
}
