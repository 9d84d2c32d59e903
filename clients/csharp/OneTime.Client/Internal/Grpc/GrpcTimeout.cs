using System.Globalization;

namespace OneTime.Client.Internal.Grpc;

/// grpc-timeout = TimeoutValue TimeoutUnit, at most 8 digits (PROTOCOL-HTTP2.md).
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static string Format(TimeSpan timeout)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        if (milliseconds <= MaxValue)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "m";
        }

        var seconds = Math.Min(MaxValue, (long)Math.Ceiling(timeout.TotalSeconds));
        return seconds.ToString(CultureInfo.InvariantCulture) + "S";
    }
}
