using System.ComponentModel.DataAnnotations;

namespace OneTime.Server;

/// <summary>The service's limits, bound from the <c>OneTime</c> configuration section and validated at start-up.</summary>
public sealed class OneTimeOptions : IValidatableObject
{
    public const string SectionName = "OneTime";

    /// <summary>The largest ciphertext Store accepts, in bytes. Exactly this size is allowed.</summary>
    public int MaxCiphertextBytes { get; set; } = 1024 * 1024;

    /// <summary>The shortest time to live a client may ask for.</summary>
    public TimeSpan MinTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest time to live a client may ask for.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The time to live of a secret stored without one.</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Origins other than the server's own whose pages may call the service over gRPC-Web ("*" for any).</summary>
    public List<string> CorsAllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxCiphertextBytes is < 1 or > 64 * 1024 * 1024)
        {
            yield return new($"OneTime:MaxCiphertextBytes must be between 1 and {64 * 1024 * 1024}.");
        }
        if (MinTtl <= TimeSpan.Zero || MinTtl > DefaultTtl || DefaultTtl > MaxTtl)
        {
            yield return new("OneTime TTLs must satisfy 0 < MinTtl <= DefaultTtl <= MaxTtl.");
        }
    }
}
