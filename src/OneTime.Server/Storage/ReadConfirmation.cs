namespace OneTime.Server.Storage;

/// <summary>
/// A reader's confirmation as the server sees it: opaque bytes, kept with a receipt and handed back by Exists, never
/// opened, logged or checked beyond their size (protos/README.md "Read confirmations (format 1)").
/// </summary>
public static class ReadConfirmation
{
    /// <summary>
    /// The largest confirmation kept (protos/onetime/v1/secrets.proto, ConfirmReadRequest.confirmation): format 1 is
    /// 285 bytes; the rest is room for a later format without a server upgrade, and still small enough that a
    /// receipt costs little more than its header.
    /// </summary>
    public const int MaxBytes = 512;
}
