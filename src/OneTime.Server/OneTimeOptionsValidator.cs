using Microsoft.Extensions.Options;
using OneTime.Server.Secrets;

namespace OneTime.Server;

/// <summary>Start-up checks of <see cref="OneTimeOptions"/>; each failure names the setting to fix.</summary>
internal sealed class OneTimeOptionsValidator : IValidateOptions<OneTimeOptions>
{
    private const int MaxCiphertextLimit = 64 * 1024 * 1024;
    private static readonly TimeSpan MaxTtlLimit = TimeSpan.FromDays(365);

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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
