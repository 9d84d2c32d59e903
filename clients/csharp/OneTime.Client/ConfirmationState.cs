namespace OneTime.Client;

/// <summary>
/// What the reader's confirmation of a read secret shows, as <see cref="SecretStatus.Confirmation"/> reports it
/// (protos/README.md "Read confirmations").
/// </summary>
/// <remarks>
/// A confirmation proves that someone holding the link's key (and passphrase) read the secret: the service cannot
/// make one, change its note, or copy one from another secret. It does not prove who: anyone with the link can make
/// one, the sender included. It does not prove when: <see cref="SecretStatus.ReadAt"/> is still the service's clock,
/// and a service can hold a confirmation back (the secret then shows <see cref="Unconfirmed"/>), though it cannot
/// make an unread secret look confirmed. Only the last view of a secret is confirmed.
/// </remarks>
public enum ConfirmationState
{
    /// <summary>Not read yet (or gone): there is nothing to confirm.</summary>
    None,

    /// <summary>Read, and the reader's client confirmed it with the key: <see cref="SecretStatus.ReaderNote"/> holds its note, if any.</summary>
    Confirmed,

    /// <summary>
    /// Read on the service's word only: an older reader's client, a reader whose confirmation could not be delivered,
    /// or a service that dropped it.
    /// </summary>
    Unconfirmed,

    /// <summary>
    /// Read on the service's word, with a confirmation that does not verify against this link: altered, made for
    /// another secret, or made up. Treat it as unconfirmed.
    /// </summary>
    Invalid,
}
