namespace OneTime.Client;

/// <summary>A secret sent in reply to a request: the reply link opens only with the requester's private key.</summary>
public sealed class SecretReply
{
    internal SecretReply(Uri link, DateTimeOffset expiresAt, string fingerprint, string? note)
    {
        Link = link;
        ExpiresAt = expiresAt;
        Fingerprint = fingerprint;
        Note = note;
    }

    /// <summary>The reply link, <c>{base URL}/s#1r.{id}.{ephemeral key}.{key id}</c>, to send back to the requester by any channel.</summary>
    public Uri Link { get; }

    /// <summary>When the reply expires if the requester does not read it.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The fingerprint of the request link this reply was encrypted to: it must match the one the requester reads out.</summary>
    public string Fingerprint { get; }

    /// <summary>The request's note (what was asked), or <see langword="null"/>; show it as text only.</summary>
    public string? Note { get; }

    /// <summary>Returns the reply link as text, spelled as protos/README.md spells links.</summary>
    public override string ToString() => Link.OriginalString;
}
