using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests.Requests;

/// Requests and replies through the client against the in-process fake service: the requester's keys in a folder
/// of the test's own, the sender's client with another (empty) one.
public sealed class OneTimeClientRequestTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private FakeSecretServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSecretServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task CreateRequest_ReplyThenRead_OpensOnceOnlyForTheRequester()
    {
        var requester = Client("requester");
        var sender = Client("sender");
        var request = requester.CreateRequest("the staging database password");

        var reply = await sender.ReplyAsync(request.ToString(), "s3cr3t-ü");
        var secret = await requester.ReadAsync(reply.ToString());

        Assert.StartsWith(_server.WebUri.AbsoluteUri + "r#1.", request.ToString());
        Assert.StartsWith(_server.WebUri.AbsoluteUri + "s#1r.", reply.ToString());
        Assert.EndsWith("." + request.KeyId, reply.ToString());
        Assert.Equal(request.Fingerprint, reply.Fingerprint);
        Assert.Equal("the staging database password", reply.Note);
        Assert.Equal("s3cr3t-ü", secret.Text);
        await Assert.ThrowsAsync<SecretNotFoundException>(() => requester.ReadAsync(reply.ToString()));
        Assert.Equal(-1, _server.Service.StoredCiphertexts.Single().AsSpan().IndexOf("s3cr3t"u8));
    }

    [Fact]
    public async Task ReadAsync_ReplyWhereTheRequestWasNotMade_SaysSoAndReadsNothing()
    {
        var requester = Client("requester");
        var sender = Client("sender");
        var reply = await sender.ReplyAsync(requester.CreateRequest().ToString(), "x");

        var error = await Assert.ThrowsAsync<RequestKeyNotFoundException>(() => sender.ReadAsync(reply.ToString()));

        Assert.Contains("opens only where the request was made", error.Message);
        Assert.DoesNotContain(reply.ToString().Split('#')[1], error.Message);
        Assert.DoesNotContain(_server.Requests, r => r.Path.EndsWith("/Retrieve", StringComparison.Ordinal));
        Assert.Equal("x", (await requester.ReadAsync(reply.ToString())).Text);
    }

    [Fact]
    public async Task ReadAsync_AfterForgetRequest_CannotOpenTheReply()
    {
        var requester = Client("requester");
        var request = requester.CreateRequest();
        var reply = await Client("sender").ReplyAsync(request.ToString(), "x");

        Assert.True(requester.ForgetRequest(request.KeyId));
        await Assert.ThrowsAsync<RequestKeyNotFoundException>(() => requester.ReadAsync(reply.ToString()));
        Assert.Empty(requester.ListRequests());
    }

    [Fact]
    public async Task CreateRequest_Several_EachReplyOpensWithItsOwnKey()
    {
        var requester = Client("requester");
        var sender = Client("sender");
        var first = requester.CreateRequest("user name");
        var second = requester.CreateRequest("password");

        var toSecond = await sender.ReplyAsync(second.ToString(), "hunter2");
        var toFirst = await sender.ReplyAsync(first.ToString(), "alice");
        var again = await sender.ReplyAsync(first.ToString(), "alice, again");

        Assert.Equal("hunter2", (await requester.ReadAsync(toSecond.ToString())).Text);
        Assert.Equal("alice", (await requester.ReadAsync(toFirst.ToString())).Text);
        Assert.Equal("alice, again", (await requester.ReadAsync(again.ToString())).Text);
        Assert.Equal(new[] { first.KeyId, second.KeyId }.Order(), requester.ListRequests().Select(r => r.KeyId).Order());
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public async Task ReplyAsync_TamperedRequestLink_IsRefusedBeforeAnythingIsSent()
    {
        var link = Client("requester").CreateRequest("db").ToString();
        var keyStart = link.IndexOf("#1.", StringComparison.Ordinal) + 3;
        // One character of X changed: (X', Y) is not on the curve.
        var offCurve = link[..(keyStart + 10)] + (link[keyStart + 10] == 'A' ? 'B' : 'A') + link[(keyStart + 11)..];

        await Assert.ThrowsAsync<InvalidLinkException>(() => Client("sender").ReplyAsync(link[..^3], "x"));
        await Assert.ThrowsAsync<InvalidLinkException>(() => Client("sender").ReplyAsync(offCurve, "x"));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void ParseRequest_SwappedNoteOrKey_ShowsAnotherFingerprint()
    {
        var request = Client("requester").CreateRequest("db");
        var otherNote = request.ToString()[..request.ToString().LastIndexOf('.')] + ".ZGM"; // "dc"
        var otherKey = Client("attacker").CreateRequest("db");

        Assert.Equal(request.Fingerprint, OneTimeClient.ParseRequest(request.ToString()).Fingerprint);
        Assert.Equal("dc", OneTimeClient.ParseRequest(otherNote).Note);
        Assert.NotEqual(request.Fingerprint, OneTimeClient.ParseRequest(otherNote).Fingerprint);
        Assert.NotEqual(request.Fingerprint, OneTimeClient.ParseRequest(otherKey.ToString()).Fingerprint);
    }

    [Fact]
    public async Task ReadAsync_RequestLink_SaysItIsARequest()
    {
        var request = Client("requester").CreateRequest();

        var error = await Assert.ThrowsAsync<InvalidLinkException>(() => Client("requester").ReadAsync(request.ToString()));

        Assert.Contains("request link", error.Message);
        Assert.False(OneTimeClient.RequiresPassphrase(request.ToString()));
    }

    [Fact]
    public void ParseRequest_OrdinarySecretLink_IsNotARequest()
    {
        Assert.Throws<InvalidLinkException>(() =>
            OneTimeClient.ParseRequest("https://onetime.example/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"));
    }

    [Fact]
    public void CreateRequest_NoteOver200Bytes_IsRefusedAndNothingKept()
    {
        var requester = Client("requester");

        Assert.Throws<ArgumentException>(() => requester.CreateRequest(new string('é', 101)));
        Assert.Empty(requester.ListRequests());
    }

    private OneTimeClient Client(string home) =>
        new(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri, RequestKeysDirectory = _temp.Combine(home, "requests") });
}
