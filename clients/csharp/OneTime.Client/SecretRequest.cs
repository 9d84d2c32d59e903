namespace OneTime.Client;

/// <summary>
/// A request for a secret: its link holds only the requester's public key and an optional note, so it may travel
/// by any channel. Replies to it open only with the private key kept where the request was made.
/// </summary>
public sealed class SecretRequest
{
    internal SecretRequest(Uri link, string fingerprint, string keyId, string? note, DateTimeOffset? createdAt)
    {
        Link = link;
        Fingerprint = fingerprint;
        KeyId = keyId;
        Note = note;
        CreatedAt = createdAt;
    }

    /// <summary>The request link, <c>{base URL}/r#1.{public key}[.{note}]</c>, to give the person who has the secret.</summary>
    public Uri Link { get; }

    /// <summary>
    /// Five groups of four digits derived from the public key and the note. The requester and the sender compare
    /// it over another channel (a call): a different one means the link was swapped on its way.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>Names the kept private key; reply links carry it. Not secret.</summary>
    public string KeyId { get; }

    /// <summary>
    /// What is asked, as the requester wrote it, or <see langword="null"/>. Chosen by whoever made the link: show it as
    /// text, without control or bidirectional characters.
    /// </summary>
    public string? Note { get; }

    /// <summary>When the request was made, for requests kept here; <see langword="null"/> for a parsed link.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>Returns the request link as text, spelled as protos/README.md spells links.</summary>
    public override string ToString() => Link.OriginalString;
}
