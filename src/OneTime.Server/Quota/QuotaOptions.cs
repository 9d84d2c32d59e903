namespace OneTime.Server.Quota;

/// <summary>
/// How much of the store one client (its network, as the rate limits see it) may take; bound from
/// <c>OneTime:Quota</c>. The measure is bytes × time: a secret costs its ciphertext size times its time to live
/// (at least one <see cref="Window"/>), and a client may spend <see cref="MaxBytes"/> × <see cref="Window"/> of it in
/// each window (README "Quota" says why this measure).
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "OneTime:Quota";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// What one client may keep stored, on average, over a window: 64 MiB by default, e.g. two largest (1 MiB) secrets
    /// for 30 days, nine for 7 days, or some 30,000 short texts a day kept a week.
    /// </summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The accounting window: a client's spending starts again at every window boundary.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
}
