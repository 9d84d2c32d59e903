using Google.Protobuf.WellKnownTypes;
using OneTime.V1;

namespace OneTime.Server.Secrets;

/// <summary>The GetLimits answer: the configuration clients need before they encrypt and upload.</summary>
internal static class Limits
{
    public static GetLimitsResponse Of(OneTimeOptions options) => new()
    {
        MaxCiphertextBytes = (uint)options.MaxCiphertextBytes,
        MinCiphertextBytes = SecretRequestValidator.MinCiphertextBytes,
        MinTtl = Duration.FromTimeSpan(options.MinTtl),
        MaxTtl = Duration.FromTimeSpan(options.MaxTtl),
        DefaultTtl = Duration.FromTimeSpan(options.DefaultTtl),
        MaxViews = (uint)options.MaxViews,
        MaxWrongAttempts = (uint)options.MaxWrongAttempts,
        ReadReceipts = options.ReadReceipts,
    };
}
