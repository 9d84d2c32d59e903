namespace OneTime.Server.Quota;

/// <summary>The quota when <c>OneTime:Quota:Enabled</c> is false: every charge is granted and nothing is counted.</summary>
internal sealed class UnlimitedQuota : IStorageQuota
{
    public ValueTask<QuotaCharge> TryChargeAsync(string client, int bytes, TimeSpan timeToLive) => ValueTask.FromResult(QuotaCharge.Free);

    public void Refund(QuotaCharge charge)
    {
    }
}
