namespace OneTime.Client;

/// <summary>What the service knows about a secret, as <see cref="SecretStatus.State"/> reports it.</summary>
public enum SecretState
{
    /// <summary>
    /// No such secret: expired, burned, read (on a service without read receipts), never stored, or a wrong link
    /// or passphrase. The service answers these cases alike, on purpose.
    /// </summary>
    Gone,

    /// <summary>The secret can still be read: it has views left.</summary>
    Waiting,

    /// <summary>Every view was taken; <see cref="SecretStatus.ReadAt"/> says when the last one was.</summary>
    Read,
}
