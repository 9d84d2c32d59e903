using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.Client.Internal.Envelope;
using OneTime.Client.Internal.Limits;
using OneTime.Client.Internal.Links;
using OneTime.Client.Internal.Requests;
using OneTime.V1;

namespace OneTime.Client;

/// Requests and replies (protos/README.md "Requests and replies (format 1)"): the requester keeps a P-256 private
/// key and hands out a link with the public key; a reply is an ordinary stored secret whose K comes from ECDH with
/// a fresh ephemeral key, so only the requester can derive it.
public sealed partial class OneTimeClient
{
    private RequestKeyStore? _requestKeys;

    private RequestKeyStore RequestKeys =>
        _requestKeys ??= new RequestKeyStore(_options.RequestKeysDirectory ?? RequestKeyStore.DefaultDirectory(), TimeProvider.System);

    /// <summary>
    /// Makes a request for a secret: a fresh key pair whose private key is kept here (see
    /// <see cref="OneTimeClientOptions.RequestKeysDirectory"/>) for 30 days, and a link holding the public key. Nothing is sent.
    /// </summary>
    /// <param name="note">What is asked ("the staging database password"), up to 200 UTF-8 bytes; travels in the link, unencrypted.</param>
    /// <returns>The request: its link for the sender, and the fingerprint to read out to them over another channel.</returns>
    /// <exception cref="ArgumentException">The note is too long or not well-formed text.</exception>
    /// <exception cref="IOException">The key could not be written.</exception>
    public SecretRequest CreateRequest(string? note = null)
    {
        var checkedNote = RequestLink.CheckNote(note);
        using var key = P256.Generate();
        var link = new RequestLink(ParsedLink.TrimBase(_baseAddress), P256.PublicPoint(key), checkedNote);
        var kept = new KeptRequestKey(link.KeyId, key.ExportPkcs8PrivateKey(), link.RequesterKey, checkedNote, link.BaseUrl, RequestKeys.Now);
        RequestKeys.Save(kept);
        CryptographicOperations.ZeroMemory(kept.PrivateKeyPkcs8);
        return ToRequest(link, kept.CreatedAt);
    }

    /// <summary>The requests whose keys are kept here, oldest first (those over 30 days old are deleted first).</summary>
    public IReadOnlyList<SecretRequest> ListRequests() =>
        RequestKeys.List().Select(kept => ToRequest(kept.Link, kept.CreatedAt)).ToList();

    /// <summary>Deletes a request's private key: replies to it can then no longer be opened by anyone.</summary>
    /// <param name="keyId">The request's <see cref="SecretRequest.KeyId"/>.</param>
    /// <returns><see langword="false"/> when no key of that id is kept here.</returns>
    public bool ForgetRequest(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return RequestKeys.Forget(keyId);
    }

    /// <summary>Reads a request link, for the sender to see what is asked and the fingerprint to compare.</summary>
    /// <param name="requestLink">The request link.</param>
    /// <exception cref="InvalidLinkException">The text is not a valid request link.</exception>
    public static SecretRequest ParseRequest(string requestLink) => ToRequest(ParseRequestLink(requestLink), null);

    /// <summary>Tells whether a link is a reply to a request (which opens only with the requester's key).</summary>
    /// <param name="link">The link.</param>
    public static bool IsReplyLink(string link) => ReplyLink.TryParse(link, out _);

    /// <summary>Encrypts a text to the requester of <paramref name="requestLink"/> and stores it.</summary>
    /// <param name="requestLink">The request link.</param>
    /// <param name="text">The secret.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; its default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply link to send back, with the request's fingerprint and note.</returns>
    public Task<SecretReply> ReplyAsync(string requestLink, string text, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        ReplyAsync(requestLink, OneTimeSecret.FromText(text), ttl, cancellationToken);

    /// <summary>
    /// Encrypts a secret to the requester of <paramref name="requestLink"/> and stores it on the request's service.
    /// Neither this client nor anyone else but the requester can open the reply afterwards.
    /// </summary>
    /// <param name="requestLink">The request link.</param>
    /// <param name="secret">The text or file.</param>
    /// <param name="ttl">How long it may wait unread, within the service's range; its default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply link to send back, with the request's fingerprint and note.</returns>
    /// <exception cref="InvalidLinkException">The text is not a valid request link (its key is checked too).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is outside the service's range; nothing was uploaded.</exception>
    /// <exception cref="SecretTooLargeException">The encrypted secret is larger than the service accepts; nothing was uploaded.</exception>
    /// <exception cref="RateLimitedException">Too many calls from this address.</exception>
    /// <exception cref="StoreFullException">The service has no room for it now.</exception>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<SecretReply> ReplyAsync(
        string requestLink, OneTimeSecret secret, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var request = ParseRequestLink(requestLink); // an invalid link is refused before anything else
        // The request's service decides the TTL range and the size, as for any send: checked before anything is uploaded.
        var service = _options.ServiceAddress ?? new Uri(request.BaseUrl);
        var limits = await GetLimitsAsync(service, cancellationToken).ConfigureAwait(false);
        SendChecks.Check(new SendOptions { Ttl = ttl }, limits);

        var agreed = ReplyAgreement.ForSender(request.RequesterKey);
        var keys = KeyDerivation.Derive(agreed.Key, passphrase: null);
        var blob = SecretEnvelope.Seal(PayloadConverter.ToPayload(secret).ToByteArray(), keys.EncryptionKey);
        Forget(agreed, keys);
        SendChecks.CheckSize(blob.Length, limits);

        var store = new StoreRequest
        {
            Ciphertext = ByteString.CopyFrom(blob),
            AuthToken = ByteString.CopyFrom(keys.AuthToken),
            Ttl = ttl is { } given ? Duration.FromTimeSpan(given) : null, // unset: the service's default
        };
        var response = await _caller.CallAsync(service, (c, o) => c.StoreAsync(store, o), cancellationToken, storing: true).ConfigureAwait(false);
        if (response.Id.Length != LinkFragment.IdLength || !CanonicalBase64Url.IsAlphabet(response.Id))
        {
            throw new OneTimeException("The service returned a malformed id.");
        }

        var reply = new ReplyLink(request.BaseUrl, response.Id, agreed.EphemeralKey, request.KeyId);
        return new SecretReply(
            new Uri(reply.Format()), response.ExpiresAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow + (ttl ?? limits.DefaultTtl), request.Fingerprint, request.Note);
    }

    /// Reply links read, check and burn like any link once their K is derived from the kept key; a request link
    /// given to read gets its own error rather than "not a valid link".
    private bool TryPrepareReply(string link, out LinkAddress address, out DerivedKeys keys)
    {
        if (RequestLink.TryParse(link, out _))
        {
            throw new InvalidLinkException("This is a request link: it asks for a secret and holds none. Send a reply to it instead.");
        }

        address = default;
        keys = null!;
        if (!ReplyLink.TryParse(link, out var reply))
        {
            return link.Contains("#" + RequestFormat.ReplyVersion + RequestFormat.Separator, StringComparison.Ordinal)
                ? throw new InvalidLinkException(
                    "This is not a valid OneTime reply link ({base URL}/s#1r.{id}.{key}.{key id}); was it cut short or changed when copied?")
                : false;
        }

        var kept = RequestKeys.Find(reply!.KeyId) ?? throw new RequestKeyNotFoundException();
        using (var requester = P256.FromPkcs8(kept.PrivateKeyPkcs8))
        {
            var agreed = ReplyAgreement.ForRequester(requester, reply.EphemeralKey);
            keys = KeyDerivation.Derive(agreed.Key, passphrase: null);
            Forget(agreed, null);
        }

        CryptographicOperations.ZeroMemory(kept.PrivateKeyPkcs8);
        address = new LinkAddress(_options.ServiceAddress ?? new Uri(reply.BaseUrl), reply.Id);
        return true;
    }

    private static RequestLink ParseRequestLink(string requestLink) =>
        RequestLink.TryParse(requestLink, out var parsed)
            ? parsed!
            : throw new InvalidLinkException(
                "This is not a valid OneTime request link ({base URL}/r#1.{key}[.{note}]); was it cut short or changed when copied?");

    private static SecretRequest ToRequest(RequestLink link, DateTimeOffset? createdAt) =>
        new(new Uri(link.Format()), link.Fingerprint, link.KeyId, link.Note, createdAt);

    // e is gone with its using; Z, K and the AES key are not needed past sealing or deriving.
    private static void Forget(ReplyKeys agreed, DerivedKeys? keys)
    {
        CryptographicOperations.ZeroMemory(agreed.SharedSecret);
        CryptographicOperations.ZeroMemory(agreed.Key);
        if (keys is not null)
        {
            CryptographicOperations.ZeroMemory(keys.EncryptionKey);
        }
    }
}
