using System.Net;
using OneTime.Server.RateLimiting;

namespace OneTime.Server.Tests.RateLimiting;

public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", 32, 64, "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 32, 64, "203.0.113.7")] // IPv4 on a dual-stack socket is still IPv4
    [InlineData("203.0.113.7", 24, 64, "203.0.113.0/24")]
    [InlineData("203.0.113.7", 20, 64, "203.0.112.0/20")] // a prefix that ends inside a byte
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 32, 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", 32, 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", 32, 56, "2001:db8:1::/56")]
    [InlineData("2001:db8:1:2::1", 32, 128, "2001:db8:1:2::1")]
    [InlineData("fe80::1%2", 32, 64, "fe80::/64")] // a scope names an interface, not a network
    public void Of_Address_IsItsNetwork(string address, int ipv4PrefixLength, int ipv6PrefixLength, string expected)
    {
        Assert.Equal(expected, ClientNetwork.Of(IPAddress.Parse(address), ipv4PrefixLength, ipv6PrefixLength));
    }
}
