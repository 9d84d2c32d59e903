using OneTime.Client.Internal.Links;

namespace OneTime.Client.Tests.Links;

public sealed class ParsedLinkTests
{
    private const string Id = "AAECAwQFBgcICQoLDA0ODw";

    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://localhost:5080/")]
    [InlineData("https://example.org/tools/onetime/")]
    [InlineData("http://[::80:401]")] // System.Uri writes "[::0.128.4.1]" (found by tests/fuzz, base-url)
    [InlineData("http://[::ffff:102:304]:8080/a")]
    [InlineData("https://[2001:db8::1]/")]
    public void Build_ThenTryParse_RoundTrips(string baseUrl)
    {
        var fragment = new LinkFragment(Id, Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray(), PassphraseRequired: true);

        var link = ParsedLink.Build(new Uri(baseUrl), fragment);

        Assert.Equal(baseUrl.TrimEnd('/') + "/s#1p." + Id + "." + System.Buffers.Text.Base64Url.EncodeToString(fragment.Key), link.OriginalString);
        Assert.True(ParsedLink.TryParse(link.OriginalString, out var parsed));
        Assert.Equal(baseUrl.TrimEnd('/'), ParsedLink.TrimBase(parsed!.BaseAddress));
        Assert.Equal(fragment.Key, parsed.Fragment.Key);
        Assert.True(parsed.Fragment.PassphraseRequired);
    }

    [Fact]
    public void Build_Link_PathHoldsNothingSecret()
    {
        var link = ParsedLink.Build(new Uri("http://localhost:5080"), new LinkFragment(Id, new byte[32], false));

        Assert.Equal("/s", link.AbsolutePath);
        Assert.Empty(link.Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a link")]
    [InlineData("http://localhost:5080/s#1." + Id)]
    public void TryParse_Garbage_ReturnsFalse(string link)
    {
        Assert.False(ParsedLink.TryParse(link, out _));
    }

    [Fact]
    public void RequiresPassphrase_InvalidLink_ThrowsInvalidLink()
    {
        Assert.Throws<InvalidLinkException>(() => OneTimeClient.RequiresPassphrase("http://localhost:5080/s#oops"));
    }
}
