using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.Client.Internal.Confirmations;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Limits;
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
    /// <summary>The shortest TTL a service accepts by default; <see cref="GetLimitsAsync(CancellationToken)"/> gives a service's own.</summary>
    public static readonly TimeSpan MinimumTtl = LimitsConverter.BeforeGetLimits.MinTtl;

    /// <summary>The longest TTL a service accepts by default; <see cref="GetLimitsAsync(CancellationToken)"/> gives a service's own.</summary>
    public static readonly TimeSpan MaximumTtl = LimitsConverter.BeforeGetLimits.MaxTtl;

    /// <summary>A service's default TTL unless configured otherwise; a send without a TTL gets the service's own.</summary>
    public static readonly TimeSpan DefaultTtl = LimitsConverter.BeforeGetLimits.DefaultTtl;

    private const int UnimplementedStatus = 12; // grpc-status UNIMPLEMENTED

    private readonly OneTimeClientOptions _options;
    private readonly Uri _baseAddress;
    private readonly SecretServiceCaller _caller;
    private readonly LimitsCache _limits;

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
        _limits = new LimitsCache(options.TimeProvider);
    }

    private Uri SendAddress => _options.ServiceAddress ?? _baseAddress;

    /// <summary>Encrypts and stores a text secret, for one view.</summary>
    /// <param name="text">The secret.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; the service's default (7 days unless configured) when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    public Task<SecretLink> SendAsync(string text, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default) =>
        SendAsync(OneTimeSecret.FromText(text), new SendOptions { Ttl = ttl, Passphrase = passphrase }, cancellationToken);

    /// <summary>Encrypts and stores raw bytes, as a file without a name, for one view.</summary>
    /// <param name="bytes">The secret.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; the service's default when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    public Task<SecretLink> SendAsync(ReadOnlyMemory<byte> bytes, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default) =>
        SendAsync(OneTimeSecret.FromFile(bytes), new SendOptions { Ttl = ttl, Passphrase = passphrase }, cancellationToken);

    /// <summary>Encrypts and stores a file, with its name (without directories), for one view.</summary>
    /// <param name="path">The file to send.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; the service's default when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="mediaType">Its media type; <c>application/octet-stream</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    public async Task<SecretLink> SendFileAsync(
        string path, TimeSpan? ttl = null, string? passphrase = null, string? mediaType = null, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await SendAsync(OneTimeSecret.FromFile(content, Path.GetFileName(path), mediaType), new SendOptions { Ttl = ttl, Passphrase = passphrase }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Encrypts and stores a secret, for one view.</summary>
    /// <param name="secret">The text or file.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; the service's default when <see langword="null"/>.</param>
    /// <param name="passphrase">An optional passphrase the reader must also give; it never leaves this process.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    /// <remarks>
    /// Chosen over <see cref="SendAsync(OneTimeSecret, SendOptions, CancellationToken)"/> when the second argument is
    /// a bare <see langword="null"/>, which both accept: <c>SendAsync(secret, null)</c> means the service's defaults.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public Task<SecretLink> SendAsync(
        OneTimeSecret secret, TimeSpan? ttl = null, string? passphrase = null, CancellationToken cancellationToken = default) =>
        SendAsync(secret, new SendOptions { Ttl = ttl, Passphrase = passphrase }, cancellationToken);

    /// <summary>
    /// Encrypts and stores a secret. The service's limits (<see cref="GetLimitsAsync(CancellationToken)"/>) are
    /// checked here first: a secret too large, a TTL out of range or too many views fail before anything is uploaded.
    /// </summary>
    /// <param name="secret">The text or file.</param>
    /// <param name="options">TTL, passphrase and views.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link to give the reader.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The TTL or the number of views is outside the service's range.</exception>
    /// <exception cref="SecretTooLargeException">The encrypted secret is larger than the service accepts; nothing was uploaded.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address; <see cref="RateLimitedException.RetryAfter"/> says when to retry.</exception>
    /// <exception cref="StoreFullException">The service has no room for it now.</exception>
    /// <exception cref="InvalidSecretRequestException">The service rejected the request otherwise.</exception>
    /// <exception cref="SecureConnectionException">The service's TLS certificate could not be verified.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<SecretLink> SendAsync(OneTimeSecret secret, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Passphrase is { Length: 0 })
        {
            throw new ArgumentException("A passphrase cannot be empty; pass null for none.", nameof(options));
        }

        var limits = await GetLimitsAsync(cancellationToken).ConfigureAwait(false);
        SendChecks.Check(options, limits);
        var sealedSecret = SecretCodec.Seal(secret, options.Passphrase);
        SendChecks.CheckSize(sealedSecret.Blob.Length, limits);

        var request = new StoreRequest
        {
            Ciphertext = ByteString.CopyFrom(sealedSecret.Blob),
            AuthToken = ByteString.CopyFrom(sealedSecret.AuthToken),
            Ttl = options.Ttl is { } ttl ? Duration.FromTimeSpan(ttl) : null, // unset: the service's default
            MaxViews = (uint)options.Views,
        };
        StoreResponse response;
        try
        {
            response = await _caller.CallAsync(SendAddress, (c, o) => c.StoreAsync(request, o), cancellationToken, storing: true)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidSecretRequestException or SecretTooLargeException)
        {
            _limits.Forget(SendAddress); // refused within the limits we had: they changed
            throw;
        }

        if (response.Id.Length != LinkFragment.IdLength)
        {
            throw new OneTimeException("The service returned a malformed id.");
        }

        var fragment = new LinkFragment(response.Id, sealedSecret.Key, options.Passphrase is not null);
        var expiresAt = response.ExpiresAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow + (options.Ttl ?? limits.DefaultTtl);
        return new SecretLink(ParsedLink.Build(_baseAddress, fragment), expiresAt);
    }

    /// <summary>
    /// The limits of the service this client sends to: largest secret, TTL range and default, views, wrong
    /// attempts. Asked once and kept for a few minutes per service (a burst of sends asks once; a reconfigured
    /// server is seen soon after).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The limits; a server too old to say gets the defaults it shipped with, one view and no attempt limit.</returns>
    public Task<ServiceLimits> GetLimitsAsync(CancellationToken cancellationToken = default) => GetLimitsAsync(SendAddress, cancellationToken);

    /// <summary>The limits of the service a link points to (for example, how many wrong passphrases burn it).</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The limits, as <see cref="GetLimitsAsync(CancellationToken)"/>.</returns>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    public Task<ServiceLimits> GetLimitsForLinkAsync(string link, CancellationToken cancellationToken = default) =>
        GetLimitsAsync(_options.ServiceAddress ?? Parse(link).BaseAddress, cancellationToken);

    /// <summary>Reads a secret, taking one of its views: after the last one, the link fails.</summary>
    /// <param name="link">The link from <see cref="SendAsync(OneTimeSecret, SendOptions, CancellationToken)"/>.</param>
    /// <param name="passphrase">The passphrase, when the link requires one (<see cref="RequiresPassphrase"/>); ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret, with <see cref="OneTimeSecret.ViewsLeft"/> and <see cref="OneTimeSecret.ConfirmationDelivery"/>.</returns>
    /// <remarks>
    /// Chosen over <see cref="ReadAsync(string, ReadOptions, CancellationToken)"/> when the second argument is a bare
    /// <see langword="null"/>, which both accept.
    /// </remarks>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    /// <exception cref="SecretNotFoundException">
    /// Already read, expired, burned, or wrong link or passphrase. A wrong passphrase deletes nothing, but it counts:
    /// <see cref="ServiceLimits.MaxWrongAttempts"/> of them burn the secret.
    /// </exception>
    /// <exception cref="SecretDecryptionException">The ciphertext is corrupted.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address; nothing was read.</exception>
    /// <exception cref="SecureConnectionException">The service's TLS certificate could not be verified.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    [OverloadResolutionPriority(1)]
    public Task<OneTimeSecret> ReadAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default) =>
        ReadAsync(link, new ReadOptions { Passphrase = passphrase }, cancellationToken);

    /// <summary>
    /// Reads a secret, taking one of its views: after the last one, the link fails. With the last view of a secret
    /// link, the reader's client also confirms the read to the sender (protos/README.md "Read confirmations"), with
    /// <see cref="ReadOptions.Note"/> sealed inside; a confirmation that cannot be delivered never fails the read.
    /// </summary>
    /// <param name="link">The link from <see cref="SendAsync(OneTimeSecret, SendOptions, CancellationToken)"/>.</param>
    /// <param name="options">The passphrase and the note for the sender.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret, with <see cref="OneTimeSecret.ViewsLeft"/> and <see cref="OneTimeSecret.ConfirmationDelivery"/>.</returns>
    /// <exception cref="ArgumentException">
    /// The note is over 200 UTF-8 bytes or not well-formed text, or given with a reply link (which is never confirmed);
    /// refused before anything is read.
    /// </exception>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    /// <exception cref="SecretNotFoundException">
    /// Already read, expired, burned, or wrong link or passphrase. A wrong passphrase deletes nothing, but it counts:
    /// <see cref="ServiceLimits.MaxWrongAttempts"/> of them burn the secret.
    /// </exception>
    /// <exception cref="SecretDecryptionException">The ciphertext is corrupted.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address; nothing was read.</exception>
    /// <exception cref="SecureConnectionException">The service's TLS certificate could not be verified.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<OneTimeSecret> ReadAsync(string link, ReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isReply = IsReplyLink(link);
        if (isReply && !string.IsNullOrEmpty(options.Note))
        {
            throw new ArgumentException("A reply link sends no read confirmation, so a note cannot go with it.", nameof(options));
        }

        ReadConfirmation.CheckNote(options.Note); // before Retrieve: a refused note must not cost the secret
        var (address, keys) = Prepare(link, options.Passphrase);
        try
        {
            var request = new RetrieveRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
            var response = await _caller.CallAsync(address.Service, (c, o) => c.RetrieveAsync(request, o), cancellationToken)
                .ConfigureAwait(false);
            var secret = SecretCodec.Open(response.Ciphertext.Span, keys);
            secret.ViewsLeft = (int)Math.Min(response.ViewsLeft, int.MaxValue);
            if (response.ViewsLeft == 0 && !isReply)
            {
                secret.ConfirmationDelivery = await ConfirmReadAsync(address, keys, options.Note, cancellationToken).ConfigureAwait(false);
            }

            return secret;
        }
        finally
        {
            Forget(keys);
        }
    }

    /// <summary>
    /// Tells whether a secret can still be read, how many views it has left and, once read, when; without taking a
    /// view. A wrong passphrase counts as a wrong attempt here too.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <param name="passphrase">The passphrase, when the link requires one; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Waiting (views left, expiry), read (when, and whether the reader's client confirmed it, with its note), or gone.
    /// </returns>
    public async Task<SecretStatus> ExistsAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var (address, keys) = Prepare(link, passphrase);
        try
        {
            var request = new ExistsRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
            var response = await _caller.CallAsync(address.Service, (c, o) => c.ExistsAsync(request, o), cancellationToken)
                .ConfigureAwait(false);
            return StatusConverter.FromResponse(response, keys.ConfirmationKey, ReadConfirmation.IdBytes(address.Id));
        }
        finally
        {
            Forget(keys);
        }
    }

    /// <summary>Deletes a secret now, whatever views it has left, without reading it (for a link sent to the wrong person).</summary>
    /// <param name="link">The link.</param>
    /// <param name="passphrase">The passphrase, when the link requires one; ignored otherwise.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SecretNotFoundException">Already gone, or a wrong link or passphrase (which burns nothing, but counts as a wrong attempt).</exception>
    public async Task BurnAsync(string link, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var (address, keys) = Prepare(link, passphrase);
        var request = new BurnRequest { Id = address.Id, AuthToken = ByteString.CopyFrom(keys.AuthToken) };
        Forget(keys); // a burn never decrypts
        await _caller.CallAsync(address.Service, (c, o) => c.BurnAsync(request, o), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells whether a link was sent with a passphrase, which the reader must then give.</summary>
    /// <param name="link">The link.</param>
    /// <exception cref="InvalidLinkException">The text is not a OneTime link.</exception>
    public static bool RequiresPassphrase(string link) =>
        !IsReplyLink(link) && !RequestLink.TryParse(link, out _) && Parse(link).Fragment.PassphraseRequired;

    private Task<ServiceLimits> GetLimitsAsync(Uri service, CancellationToken cancellationToken) =>
        _limits.GetAsync(service, async () =>
        {
            try
            {
                var response = await _caller.CallAsync(service, (c, o) => c.GetLimitsAsync(new GetLimitsRequest(), o), cancellationToken)
                    .ConfigureAwait(false);
                return LimitsConverter.FromResponse(response);
            }
            catch (OneTimeException e) when (e.StatusCode == UnimplementedStatus)
            {
                // A server from before GetLimits: it still enforces its limits, which were then the defaults.
                return LimitsConverter.BeforeGetLimits;
            }
        });

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
