using Microsoft.Extensions.Options;

namespace OneTime.Server.Quota;

/// <summary>Start-up checks of <see cref="QuotaOptions"/>; each failure names the setting to fix.</summary>
internal sealed class QuotaOptionsValidator(IOptions<OneTimeOptions> oneTime) : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromDays(365))
        {
            return ValidateOptionsResult.Fail("OneTime:Quota:Window must be between 1 second and 365 days, such as 1.00:00:00.");
        }

        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        // Below this, the largest secret the server accepts, kept as long as it allows, could never be stored by anyone.
        var limits = oneTime.Value;
        var largest = new QuotaWindow(options, TimeProvider.System).CostOf(limits.MaxCiphertextBytes, limits.MaxTtl);
        return options.MaxBytes >= largest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"OneTime:Quota:MaxBytes must be at least {largest}: one secret of OneTime:MaxCiphertextBytes kept for OneTime:MaxTtl costs that much per OneTime:Quota:Window.");
    }
}
