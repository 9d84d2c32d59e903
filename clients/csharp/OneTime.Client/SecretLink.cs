namespace OneTime.Client;

/// <summary>The link to a stored secret. Anyone holding it can read the secret, once.</summary>
public sealed class SecretLink
{
    internal SecretLink(Uri uri, DateTimeOffset expiresAt)
    {
        Uri = uri;
        ExpiresAt = expiresAt;
    }

    /// <summary>The link: <c>{base URL}/s#{fragment}</c>; the key is in the fragment, which browsers never send.</summary>
    public Uri Uri { get; }

    /// <summary>When the secret expires if nobody reads it.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Returns the link as text, spelled as protos/README.md spells links (<see cref="Uri.AbsoluteUri"/> writes an IPv6 host such as <c>[::ffff:102:304]</c> its own way).</summary>
    public override string ToString() => Uri.OriginalString;
}
