using OneTime.V1;

namespace OneTime.Client.Internal.Limits;

/// GetLimitsResponse (protos/onetime/v1/secrets.proto) as the public ServiceLimits.
internal static class LimitsConverter
{
    /// What a server without GetLimits enforces: the defaults it shipped with (protos/README.md), one view, and no
    /// wrong-attempt limit or read receipts, which it does not have.
    public static readonly ServiceLimits BeforeGetLimits = new(
        maxCiphertextBytes: 1024 * 1024,
        minTtl: TimeSpan.FromMinutes(1),
        maxTtl: TimeSpan.FromDays(30),
        defaultTtl: TimeSpan.FromDays(7),
        maxViews: 1,
        maxWrongAttempts: 0,
        readReceipts: false);

    public static ServiceLimits FromResponse(GetLimitsResponse response) => new(
        // proto3 cannot tell 0 from unset; no server accepts nothing (its floor is the envelope's 285 bytes), so 0
        // means it did not say.
        maxCiphertextBytes: response.MaxCiphertextBytes == 0 ? BeforeGetLimits.MaxCiphertextBytes : Clamp(response.MaxCiphertextBytes),
        minTtl: response.MinTtl?.ToTimeSpan() ?? BeforeGetLimits.MinTtl,
        maxTtl: response.MaxTtl?.ToTimeSpan() ?? BeforeGetLimits.MaxTtl,
        defaultTtl: response.DefaultTtl?.ToTimeSpan() ?? BeforeGetLimits.DefaultTtl,
        maxViews: Math.Max(1, Clamp(response.MaxViews)), // 0 (unset) means what max_views 0 means: one view
        maxWrongAttempts: Clamp(response.MaxWrongAttempts),
        readReceipts: response.ReadReceipts);

    private static int Clamp(uint value) => (int)Math.Min(value, int.MaxValue);
}
