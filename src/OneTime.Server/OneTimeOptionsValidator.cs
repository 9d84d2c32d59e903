using Microsoft.Extensions.Options;
using OneTime.Server.Secrets;

namespace OneTime.Server;

/// <summary>Start-up checks of <see cref="OneTimeOptions"/>; each failure names the setting to fix.</summary>
internal sealed class OneTimeOptionsValidator : IValidateOptions<OneTimeOptions>
{
    private const int MaxCiphertextLimit = 64 * 1024 * 1024;
    private const int MaxViewsLimit = 1_000_000;
    private const int MaxWrongAttemptsLimit = 1_000_000;
    private static readonly TimeSpan MaxTtlLimit = TimeSpan.FromDays(365);
    private static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, OneTimeOptions options)
    {
        List<string> failures = [];
        if (options.MaxCiphertextBytes is < SecretRequestValidator.MinCiphertextBytes or > MaxCiphertextLimit)
        {
            // Below the smallest envelope no client could store anything.
            failures.Add($"OneTime:MaxCiphertextBytes must be between {SecretRequestValidator.MinCiphertextBytes} and {MaxCiphertextLimit}.");
        }
        if (options.MinTtl <= TimeSpan.Zero || options.MinTtl > options.DefaultTtl || options.DefaultTtl > options.MaxTtl
            || options.MaxTtl > MaxTtlLimit)
        {
            failures.Add("OneTime:MinTtl, DefaultTtl and MaxTtl must satisfy 0 < MinTtl <= DefaultTtl <= MaxTtl <= 365 days.");
        }
        if (options.MaxViews is < 1 or > MaxViewsLimit)
        {
            failures.Add($"OneTime:MaxViews must be between 1 and {MaxViewsLimit}.");
        }
        if (options.MaxWrongAttempts is < 1 or > MaxWrongAttemptsLimit)
        {
            // 0 would burn a secret before any guess; there is no "unlimited": guessing forever is what this stops.
            failures.Add($"OneTime:MaxWrongAttempts must be between 1 and {MaxWrongAttemptsLimit}.");
        }
        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > MaxShutdownTimeout)
        {
            failures.Add("OneTime:ShutdownTimeout must be a positive time span of at most 10 minutes, such as 00:00:30.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
