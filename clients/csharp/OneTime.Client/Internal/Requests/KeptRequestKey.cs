namespace OneTime.Client.Internal.Requests;

/// A requester's private key as kept between the request and its replies (protos/README.md "Keeping the private
/// key"): d as PKCS#8, with R, the note, the base URL and when it was made.
internal sealed record KeptRequestKey(string KeyId, byte[] PrivateKeyPkcs8, byte[] RequesterKey, string? Note, string BaseUrl, DateTimeOffset CreatedAt)
{
    public RequestLink Link => new(BaseUrl, RequesterKey, Note);
}
