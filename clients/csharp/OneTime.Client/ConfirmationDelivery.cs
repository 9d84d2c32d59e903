namespace OneTime.Client;

/// <summary>
/// Whether the sender was told of a read, as <see cref="OneTimeSecret.ConfirmationDelivery"/> reports it. A failed
/// confirmation never fails the read: the secret is returned all the same.
/// </summary>
public enum ConfirmationDelivery
{
    /// <summary>Nothing to confirm: views remain, a reply link, or a secret made here to be sent.</summary>
    None,

    /// <summary>The service kept the confirmation: the sender's status shows the read as confirmed (with the note).</summary>
    Delivered,

    /// <summary>The service does not take read confirmations (a server from before them); its receipt still says "read".</summary>
    Unsupported,

    /// <summary>
    /// The confirmation did not reach the receipt: unreachable, read receipts turned off, the receipt gone, or one
    /// already there. The sender sees the read as unconfirmed, or not at all.
    /// </summary>
    Failed,
}
