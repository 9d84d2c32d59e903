namespace OneTime.Server.Quota;

/// <summary>What <see cref="IStorageQuota.TryChargeAsync"/> decided, and enough to give a granted charge back.</summary>
internal readonly record struct QuotaCharge(bool Granted, string Client, long Window, long Cost)
{
    public static QuotaCharge Free { get; } = new(true, string.Empty, 0, 0);
}
