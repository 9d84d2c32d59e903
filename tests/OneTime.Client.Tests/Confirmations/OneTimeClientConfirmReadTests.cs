using Grpc.Core;
using OneTime.Client.Tests.Fakes;
using OneTime.Client.Tests.Requests;

namespace OneTime.Client.Tests.Confirmations;

/// The reader's side of read confirmations (protos/README.md "Making one"), against the fake service: sent only
/// with the last view of a secret link, a refused note costs nothing, and a failed confirmation never fails the read.
public sealed class OneTimeClientConfirmReadTests : IAsyncLifetime
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
    public async Task ReadAsync_OneView_ConfirmsWithTheNoteAfterRetrieve()
    {
        var link = (await Client().SendAsync("x")).ToString();

        var secret = await Client().ReadAsync(link, new ReadOptions { Note = "got it" });

        Assert.Equal("x", secret.Text);
        Assert.Equal(ConfirmationDelivery.Delivered, secret.ConfirmationDelivery);
        var confirm = _server.Service.ConfirmRequests.Single();
        Assert.Equal(IdOf(link), confirm.Id);
        Assert.Equal(285, confirm.Confirmation.Length); // one size with or without a note
        Assert.Equal(-1, confirm.Confirmation.Span.IndexOf("got it"u8));
        Assert.Equal(
            ["/onetime.v1.SecretService/Retrieve", "/onetime.v1.SecretService/ConfirmRead"],
            _server.Requests.Select(r => r.Path).Where(p => !p.EndsWith("/GetLimits", StringComparison.Ordinal) && !p.EndsWith("/Store", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadAsync_OldOverloadWithoutNote_StillConfirms()
    {
        var link = (await Client().SendAsync("x")).ToString();

        var secret = await Client().ReadAsync(link);

        Assert.Equal(ConfirmationDelivery.Delivered, secret.ConfirmationDelivery);
        Assert.Single(_server.Service.ConfirmRequests);
    }

    [Fact]
    public async Task ReadAsync_ThreeViews_ConfirmsOnlyTheLast()
    {
        var link = (await Client().SendAsync(OneTimeSecret.FromText("x"), new SendOptions { Views = 3 })).ToString();

        var deliveries = new List<ConfirmationDelivery>();
        for (var i = 0; i < 3; i++)
        {
            deliveries.Add((await Client().ReadAsync(link, new ReadOptions { Note = "n" + i })).ConfirmationDelivery);
        }

        Assert.Equal([ConfirmationDelivery.None, ConfirmationDelivery.None, ConfirmationDelivery.Delivered], deliveries);
        Assert.Single(_server.Service.ConfirmRequests);
        var status = await Client().ExistsAsync(link);
        Assert.Equal((ConfirmationState.Confirmed, "n2"), (status.Confirmation, status.ReaderNote));
    }

    [Fact]
    public async Task ReadAsync_ReplyLink_NeverConfirms_AndRefusesANoteBeforeRetrieve()
    {
        var requester = Client("requester");
        var reply = (await Client("sender").ReplyAsync(requester.CreateRequest().ToString(), "x")).ToString();

        await Assert.ThrowsAsync<ArgumentException>(() => requester.ReadAsync(reply, new ReadOptions { Note = "thanks" }));
        Assert.DoesNotContain(_server.Requests, r => r.Path.EndsWith("/Retrieve", StringComparison.Ordinal));
        var secret = await requester.ReadAsync(reply);

        Assert.Equal("x", secret.Text);
        Assert.Equal(ConfirmationDelivery.None, secret.ConfirmationDelivery);
        Assert.Empty(_server.Service.ConfirmRequests);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(-1)] // an unpaired surrogate
    public async Task ReadAsync_InvalidNote_RefusedBeforeRetrieve_SecretStillThere(int length)
    {
        var link = (await Client().SendAsync("keep")).ToString();
        var note = length < 0 ? "ok \ud800" : new string('n', length);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client().ReadAsync(link, new ReadOptions { Note = note }));

        Assert.DoesNotContain(note, error.Message);
        Assert.DoesNotContain(_server.Requests, r => r.Path.EndsWith("/Retrieve", StringComparison.Ordinal));
        Assert.Equal("keep", (await Client().ReadAsync(link)).Text);
    }

    [Fact]
    public async Task ReadAsync_NoteOf200Bytes_IsSent()
    {
        var link = (await Client().SendAsync("x")).ToString();
        var note = new string('é', 100); // 200 UTF-8 bytes

        await Client().ReadAsync(link, new ReadOptions { Note = note });

        Assert.Equal(note, (await Client().ExistsAsync(link)).ReaderNote);
    }

    [Theory]
    [InlineData(StatusCode.Unimplemented, ConfirmationDelivery.Unsupported)]
    [InlineData(StatusCode.NotFound, ConfirmationDelivery.Failed)]
    [InlineData(StatusCode.AlreadyExists, ConfirmationDelivery.Failed)]
    [InlineData(StatusCode.FailedPrecondition, ConfirmationDelivery.Failed)]
    [InlineData(StatusCode.Unavailable, ConfirmationDelivery.Failed)]
    [InlineData(StatusCode.Internal, ConfirmationDelivery.Failed)]
    public async Task ReadAsync_ConfirmReadFails_StillReturnsTheSecret(StatusCode code, ConfirmationDelivery expected)
    {
        var link = (await Client().SendAsync("still mine")).ToString();
        _server.Service.ConfirmFailure = new Status(code, "no");

        var secret = await Client().ReadAsync(link, new ReadOptions { Note = "n" });

        Assert.Equal("still mine", secret.Text);
        Assert.Equal(expected, secret.ConfirmationDelivery);
        Assert.Equal(ConfirmationState.Unconfirmed, (await Client().ExistsAsync(link)).Confirmation);
    }

    [Fact]
    public async Task ReadAsync_WithPassphrase_ConfirmationOpensOnlyWithIt()
    {
        var link = (await Client().SendAsync("x", passphrase: "pw")).ToString();

        await Client().ReadAsync(link, new ReadOptions { Passphrase = "pw", Note = "done" });

        var status = await Client().ExistsAsync(link, "pw");
        Assert.Equal((ConfirmationState.Confirmed, "done"), (status.Confirmation, status.ReaderNote));
    }

    internal static string IdOf(string link) => link.Split('#')[1].Split('.')[1];

    private OneTimeClient Client(string home = "reader") =>
        new(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri, RequestKeysDirectory = _temp.Combine(home, "requests") });
}
