namespace OneTime.Client;

/// <summary>How a secret is read: the passphrase, and an optional note for the sender's read confirmation.</summary>
public sealed class ReadOptions
{
    /// <summary>The passphrase, when the link requires one (<see cref="OneTimeClient.RequiresPassphrase"/>); ignored otherwise.</summary>
    public string? Passphrase { get; set; }

    /// <summary>
    /// A note for the sender ("got it, rotating now"), sealed into the read confirmation so that only the sender's
    /// client can read it: up to 200 UTF-8 bytes, taken as typed. Sent only with the last view of a secret link, never
    /// for a reply link. An invalid note is refused before anything is read.
    /// </summary>
    public string? Note { get; set; }
}
