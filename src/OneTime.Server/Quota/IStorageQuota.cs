namespace OneTime.Server.Quota;

/// <summary>
/// The per-client storage quota. A charge is checked and added in one atomic step, and a refused one adds nothing, so
/// a client over quota does not push its own window further out.
/// </summary>
internal interface IStorageQuota
{
    /// <summary>Charges storing <paramref name="bytes"/> for <paramref name="timeToLive"/> to the client's window.</summary>
    ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive);

    /// <summary>Gives a granted charge back, when nothing was stored after all. Best effort: it never throws.</summary>
    void Refund(QuotaCharge charge);
}
