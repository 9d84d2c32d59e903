namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Parses <c>grpc-timeout</c> (PROTOCOL-HTTP2.md): TimeoutValue TimeoutUnit, where the value is at most 8 ASCII
/// digits and the unit one of H M S m u n. Nothing else is accepted: no sign, no spaces, no empty value.
/// </summary>
internal static class GrpcTimeout
{
    private const int MaxDigits = 8;

    // Eight digits of hours (99,999,999 H, about 11,400 years) fit a TimeSpan, so parsing cannot overflow.
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length is < 2 or > MaxDigits + 1)
        {
            return false;
        }

        long amount = 0;
        foreach (var c in value[..^1])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => (amount + 99) / 100, // a tick is 100 ns; round up so a tiny timeout is not zero
            _ => null,
        };

        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }
}
