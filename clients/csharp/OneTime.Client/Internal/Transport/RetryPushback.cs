using System.Globalization;
using Grpc.Core;

namespace OneTime.Client.Internal.Transport;

/// How long a rate-limited caller should wait, as the service said it. A rate limiter answers before grpc-dotnet
/// runs, trailers-only, so its headers arrive as the call's trailers on both transports.
internal static class RetryPushback
{
    // gRFC A6 (client retries): a non-negative integer of milliseconds; anything else means "do not retry".
    private const string PushbackHeader = "grpc-retry-pushback-ms";

    // RFC 9110 §10.2.3: delay-seconds or an HTTP-date.
    private const string RetryAfterHeader = "retry-after";

    /// True when the answer carries either header: that, not the message text, is what marks a rate limit.
    public static bool TryGet(Metadata trailers, out TimeSpan? wait)
    {
        wait = null;
        var pushback = trailers.GetValue(PushbackHeader);
        var retryAfter = trailers.GetValue(RetryAfterHeader);
        if (pushback is null && retryAfter is null)
        {
            return false;
        }

        if (long.TryParse(pushback, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            wait = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (long.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }
        else if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            wait = date - DateTimeOffset.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero;
        }

        return true;
    }

    /// "in 3 s", "in 2 min", or "later" when the service gave no time.
    public static string Describe(TimeSpan? wait) => wait switch
    {
        null => "later",
        { TotalSeconds: < 120 } w => $"in {Math.Max(1, (int)Math.Ceiling(w.TotalSeconds))} s",
        { } w => $"in {(int)Math.Ceiling(w.TotalMinutes)} min",
    };
}
