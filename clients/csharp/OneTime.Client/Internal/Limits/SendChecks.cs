namespace OneTime.Client.Internal.Limits;

/// A send checked against the service's limits before anything is uploaded: the service would refuse the same,
/// but only after the whole ciphertext had crossed the wire.
internal static class SendChecks
{
    public static void Check(SendOptions options, ServiceLimits limits)
    {
        if (options.Ttl is { } ttl && (ttl < limits.MinTtl || ttl > limits.MaxTtl))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"The TTL must be between {Describe(limits.MinTtl)} and {Describe(limits.MaxTtl)} on this service.");
        }

        if (options.Views < 1 || options.Views > limits.MaxViews)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), limits.MaxViews == 1
                    ? "This service allows only 1 view per secret."
                    : $"The number of views must be between 1 and {limits.MaxViews} on this service.");
        }
    }

    public static void CheckSize(int ciphertextBytes, ServiceLimits limits)
    {
        if (ciphertextBytes > limits.MaxCiphertextBytes)
        {
            throw new SecretTooLargeException(
                $"The secret is too large: this service accepts at most {limits.MaxCiphertextBytes} bytes once encrypted, "
                + $"padding included, and this one is {ciphertextBytes}. Nothing was sent.",
                limits.MaxCiphertextBytes);
        }
    }

    /// "1 minute", "30 days", "90 minutes": the largest whole unit.
    public static string Describe(TimeSpan span) => span switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => Plural(span.Days, "day"),
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => Plural((int)span.TotalHours, "hour"),
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => Plural((int)span.TotalMinutes, "minute"),
        _ => Plural((int)Math.Ceiling(span.TotalSeconds), "second"),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
