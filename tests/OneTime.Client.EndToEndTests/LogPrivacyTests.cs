using System.Buffers.Text;

namespace OneTime.Client.EndToEndTests;

/// Zero knowledge includes the logs: whatever the server writes, at every level, holds no key, fragment or id.
public sealed class LogPrivacyTests
{
    [Theory]
    [InlineData(ServerFixture.Web)]
    [InlineData(ServerFixture.Grpc)]
    public async Task FullLifecycle_ServerLogs_NeverContainFragmentKeyOrId(string transport)
    {
        await using var server = await ServerUnderTest.StartAsync("memory");
        var client = ServerFixture.Client(server, transport);

        var link = (await client.SendAsync("sk_live_abc123", passphrase: "pp")).ToString();
        await client.ExistsAsync(link, "pp");
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.ReadAsync(link, "wrong"));
        await client.ReadAsync(link, "pp");
        await Assert.ThrowsAsync<SecretNotFoundException>(() => client.BurnAsync(link, "pp"));

        var fragment = link[(link.IndexOf('#') + 1)..];
        var parts = fragment.Split('.');
        var logged = string.Join("\n", server.Server.Logs.Entries.Select(e => e.Message + " " + e.Exception));
        Assert.NotEmpty(server.Server.Logs.Entries);
        Assert.DoesNotContain(fragment, logged);
        Assert.DoesNotContain(parts[1], logged); // the full id
        Assert.DoesNotContain(parts[2], logged); // K
        Assert.DoesNotContain("sk_live", logged);
        Assert.Equal(32, Base64Url.DecodeFromChars(parts[2]).Length);
    }
}
