using System.Net;
using System.Net.Sockets;

namespace OneTime.Server.RateLimiting;

/// <summary>
/// Who a caller is, for the rate limits and the storage quota: its network, not its exact address. An IPv6 host is
/// routinely given a whole /64 (RFC 6177, RFC 7934 section 6), so keying by the full address would hand one host
/// 2^64 budgets; an IPv4 client is one address unless configured otherwise.
/// </summary>
internal static class ClientNetwork
{
    /// <summary>The partition for a request without a peer address (in-process transports).</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// The caller's network as text: <c>203.0.113.7</c> for a whole IPv4 address, <c>2001:db8:1:2::/64</c> for an
    /// IPv6 prefix. <see cref="HttpContext.Connection"/>'s address is the forwarded client only when the peer is a
    /// configured proxy (UseForwardedHeaders runs first).
    /// </summary>
    public static string Of(HttpContext context, RateLimitOptions options) =>
        context.Connection.RemoteIpAddress is { } address ? Of(address, options.Ipv4PrefixLength, options.Ipv6PrefixLength) : Unknown;

    public static string Of(IPAddress address, int ipv4PrefixLength, int ipv6PrefixLength)
    {
        // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; it is the same client as seen over IPv4.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var prefixLength = address.AddressFamily == AddressFamily.InterNetwork ? ipv4PrefixLength : ipv6PrefixLength;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length) || prefixLength >= length * 8)
        {
            return address.ToString();
        }

        // Zero every bit after the prefix; the scope id (fe80::1%eth0) goes too, as it names no network.
        bytes = bytes[..length];
        var whole = prefixLength / 8;
        if (whole < length)
        {
            bytes[whole] &= (byte)(0xFF << (8 - prefixLength % 8));
            bytes[(whole + 1)..].Clear();
        }

        return $"{new IPAddress(bytes)}/{prefixLength}";
    }
}
