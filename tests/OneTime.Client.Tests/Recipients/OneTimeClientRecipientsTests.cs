using Grpc.Core;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests.Recipients;

/// SendToRecipientsAsync against the fake service: one independent secret per label, labels checked before anything
/// is sent, and all or nothing when a store fails part way.
public sealed class OneTimeClientRecipientsTests : IAsyncLifetime
{
    private FakeSecretServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSecretServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendToRecipientsAsync_ThreeLabels_ThreeIndependentSecretsInOrder()
    {
        var options = new SendOptions { Ttl = TimeSpan.FromHours(2), Views = 2, Passphrase = "pw" };

        var sent = await Client().SendToRecipientsAsync(OneTimeSecret.FromText("shared"), ["alice", "bob", "carol"], options);

        Assert.Equal(["alice", "bob", "carol"], sent.Select(r => r.Label));
        Assert.Equal(3, sent.Select(r => r.Link.ToString().Split('#')[1].Split('.')[1]).Distinct().Count()); // ids
        Assert.Equal(3, sent.Select(r => r.Link.ToString().Split('.')[^1]).Distinct().Count());               // keys
        Assert.Equal(3, _server.Service.StoredCiphertexts.Distinct(ByteArrays.Comparer).Count());
        Assert.All(_server.Service.StoreRequests, r => Assert.Equal((2u, TimeSpan.FromHours(2)), (r.MaxViews, r.Ttl.ToTimeSpan())));
        Assert.All(sent, r => Assert.Contains("#1p.", r.Link.ToString()));
        Assert.Equal("alice", sent[0].ToString()); // the label, never the link
        foreach (var recipient in sent)
        {
            Assert.Equal("shared", (await Client().ReadAsync(recipient.Link.ToString(), "pw")).Text);
        }
    }

    [Fact]
    public async Task SendToRecipientsAsync_ReadOne_OnlyThatOneIsRead()
    {
        var sent = await Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), ["a", "b"], new SendOptions());

        await Client().ReadAsync(sent[0].Link.ToString());

        Assert.Equal(SecretState.Read, (await Client().ExistsAsync(sent[0].Link.ToString())).State);
        Assert.Equal(SecretState.Waiting, (await Client().ExistsAsync(sent[1].Link.ToString())).State);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice|alice")]
    [InlineData("alice|")]
    [InlineData("alice|  ")]
    [InlineData("alice| bob")]
    [InlineData("alice|b\tob")]
    [InlineData("alice|b\nob")]
    [InlineData("alice|LONE-SURROGATE")] // attribute strings are stored as UTF-8, which cannot hold one
    [InlineData("alice|0123456789012345678901234567890123456789x")] // 41 characters
    public async Task SendToRecipientsAsync_BadLabels_RefusedBeforeAnyCall(string joined)
    {
        var labels = joined.Split('|').Select(l => l.Replace("LONE-SURROGATE", "\ud800", StringComparison.Ordinal)).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), labels, new SendOptions()));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SendToRecipientsAsync_TwentyOne_Refused_TwentyAndFortyCharacters_Accepted()
    {
        var many = Enumerable.Range(0, 21).Select(i => "r" + i).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), many, new SendOptions()));
        var sent = await Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), [.. many.Take(19), new string('l', 40)], new SendOptions());

        Assert.Equal(20, sent.Count);
    }

    [Fact]
    public async Task SendToRecipientsAsync_ThirdStoreFails_FirstTwoBurned_NoLinks()
    {
        _server.Service.StoreFailsAfter = 2;

        var error = await Assert.ThrowsAsync<RecipientsNotSentException>(
            () => Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), ["a", "b", "c"], new SendOptions()));

        Assert.Equal((2, 0), (error.Stored, error.LeftStored));
        Assert.IsType<StoreFullException>(error.InnerException);
        Assert.Equal(8, error.StatusCode);
        Assert.StartsWith("Stored 2 of 3 recipients' secrets, then failed: The service has no room", error.Message);
        Assert.EndsWith("Those stored were burned; no link was given out.", error.Message);
        Assert.Equal(2, _server.Requests.Count(r => r.Path.EndsWith("/Burn", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendToRecipientsAsync_FirstStoreFails_TheStoreErrorItself()
    {
        _server.Service.StoreFailsAfter = 0;

        await Assert.ThrowsAsync<StoreFullException>(
            () => Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), ["a", "b"], new SendOptions()));
    }

    [Fact]
    public async Task SendToRecipientsAsync_BurnAlsoFails_SaysHowManyAreLeft()
    {
        _server.Service.StoreFailsAfter = 2;
        _server.Service.BurnFailure = new Status(StatusCode.Unavailable, "down");

        var error = await Assert.ThrowsAsync<RecipientsNotSentException>(
            () => Client().SendToRecipientsAsync(OneTimeSecret.FromText("x"), ["a", "b", "c"], new SendOptions()));

        Assert.Equal((2, 2), (error.Stored, error.LeftStored));
        Assert.Contains("2 of those stored could not be burned; nobody holds their links, and they expire unread.", error.Message);
    }

    private OneTimeClient Client() => new(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri });

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrays Comparer = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
