using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RedisEndpointTests
{
    [Theory]
    [InlineData("redis://localhost", "localhost", 6379, 0, null, null, false)]
    [InlineData("redis://localhost:6380", "localhost", 6380, 0, null, null, false)]
    [InlineData("redis://10.0.0.5:6379/3", "10.0.0.5", 6379, 3, null, null, false)]
    [InlineData("redis://:pa55@cache/1", "cache", 6379, 1, null, "pa55", false)]
    [InlineData("redis://app:pa55@cache:7000", "cache", 7000, 0, "app", "pa55", false)]
    [InlineData("rediss://cache.example.com:6380/2", "cache.example.com", 6380, 2, null, null, true)]
    [InlineData("redis://:p%40ss%3Aw%2Frd@cache", "cache", 6379, 0, null, "p@ss:w/rd", false)] // percent-decoded
    [InlineData("redis://[::1]:6379", "::1", 6379, 0, null, null, false)]
    [InlineData("redis://localhost:6379/", "localhost", 6379, 0, null, null, false)]
    public void Parse_ValidUrl_ReturnsTheEndpoint(string url, string host, int port, int database, string? user, string? password, bool tls)
    {
        var endpoint = RedisEndpoint.Parse(url);

        Assert.Equal(new RedisEndpoint(host, port, database, user, password, tls), endpoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("localhost:6379", "redis://")]
    [InlineData("http://localhost", "redis://")]
    [InlineData("redis://localhost/abc", "database")]
    [InlineData("redis://localhost/-1", "database")]
    [InlineData("redis://localhost/0?timeout=1", "query")]
    [InlineData("redis://localhost:99999", "valid URL")]
    [InlineData("redis://onlyuser@localhost", "no password")]
    public void TryParse_BadUrl_FailsWithAClearMessage(string url, string expectedInMessage)
    {
        var parsed = RedisEndpoint.TryParse(url, out var endpoint, out var error);

        Assert.False(parsed);
        Assert.Null(endpoint);
        Assert.Contains(expectedInMessage, error);
    }

    [Theory]
    [InlineData("redis://:hunter2@localhost/abc")]
    [InlineData("redis://user:hunter2@localhost/0#frag")]
    [InlineData("ftp://user:hunter2@localhost")]
    public void TryParse_BadUrlWithPassword_NeverEchoesThePassword(string url)
    {
        RedisEndpoint.TryParse(url, out _, out var error);

        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public void ToString_WithPassword_LeavesThePasswordOut()
    {
        var endpoint = RedisEndpoint.Parse("rediss://app:hunter2@cache:6380/4");

        Assert.Equal("rediss://cache:6380/4", endpoint.ToString());
        Assert.Equal("cache:6380", endpoint.Address);
    }
}
