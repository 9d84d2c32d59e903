using System.Globalization;
using OneTime.Client;

namespace OneTime.Cli;

/// "--ttl 30m|1h|7d": a whole number and one unit, checked against the server's range (GetLimits).
internal static class Ttl
{
    /// The spelling, checked before anything is read or sent.
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var ttl) ? ttl : throw new UsageException($"Invalid --ttl '{text}': use a number and m, h or d (e.g. 30m, 1h, 7d).");

    /// The range, from the server's limits.
    public static TimeSpan CheckRange(string text, TimeSpan ttl, ServiceLimits limits) =>
        ttl >= limits.MinTtl && ttl <= limits.MaxTtl
            ? ttl
            : throw new UsageException($"Invalid --ttl '{text}': this server keeps secrets from {Format(limits.MinTtl)} to {Format(limits.MaxTtl)}.");

    /// The shortest exact spelling in the units --ttl takes: 7d, 36h, 90m (seconds, which it does not take, as 1m up).
    public static string Format(TimeSpan ttl) => ttl switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => $"{ttl.Days}d",
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => $"{(long)ttl.TotalHours}h",
        _ => $"{(long)Math.Ceiling(ttl.TotalMinutes)}m",
    };

    private static bool TryParse(string text, out TimeSpan ttl)
    {
        ttl = default;
        if (text.Length < 2
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is <= 0 or > 100_000)
        {
            return false;
        }

        TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => null,
        };
        ttl = parsed ?? default;
        return parsed is not null;
    }
}
