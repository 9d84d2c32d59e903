using System.Globalization;

namespace OneTime.Cli;

/// "--ttl 30m|1h|7d": a whole number and one unit, within the service's 1 minute to 30 days.
internal static class Ttl
{
    public const string Default = "7d";

    public static TimeSpan Parse(string text)
    {
        if (text.Length >= 2
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is > 0 and <= 100_000)
        {
            TimeSpan? ttl = char.ToLowerInvariant(text[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                _ => null,
            };
            if (ttl is { } parsed && parsed >= OneTime.Client.OneTimeClient.MinimumTtl && parsed <= OneTime.Client.OneTimeClient.MaximumTtl)
            {
                return parsed;
            }
        }

        throw new UsageException($"Invalid --ttl '{text}': use a number and m, h or d, from 1m to 30d (e.g. 30m, 1h, 7d).");
    }
}
