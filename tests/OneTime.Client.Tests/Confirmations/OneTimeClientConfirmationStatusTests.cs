using System.Security.Cryptography;
using OneTime.Client.Tests.Fakes;

namespace OneTime.Client.Tests.Confirmations;

/// The sender's side (protos/README.md "Checking one"): ExistsAsync opens what the receipt holds against the
/// sender's own link, and anything that does not open (another secret's, a changed byte, made up) is Invalid.
public sealed class OneTimeClientConfirmationStatusTests : IAsyncLifetime
{
    private FakeSecretServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSecretServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExistsAsync_Waiting_NoConfirmation()
    {
        var link = (await Client().SendAsync("x")).ToString();

        var status = await Client().ExistsAsync(link);

        Assert.Equal((SecretState.Waiting, ConfirmationState.None, null), (status.State, status.Confirmation, status.ReaderNote));
    }

    [Fact]
    public async Task ExistsAsync_ReadAndConfirmed_ShowsTheNote()
    {
        var link = (await Client().SendAsync("x")).ToString();
        await Client().ReadAsync(link, new ReadOptions { Note = "rotating now ✓" });

        var status = await Client().ExistsAsync(link);

        Assert.Equal(SecretState.Read, status.State);
        Assert.Equal(ConfirmationState.Confirmed, status.Confirmation);
        Assert.Equal("rotating now ✓", status.ReaderNote);
    }

    [Fact]
    public async Task ExistsAsync_ConfirmedWithoutNote_NoteIsNull()
    {
        var link = (await Client().SendAsync("x")).ToString();
        await Client().ReadAsync(link);

        var status = await Client().ExistsAsync(link);

        Assert.Equal((ConfirmationState.Confirmed, null), (status.Confirmation, status.ReaderNote));
    }

    [Fact]
    public async Task ExistsAsync_ReadWithoutConfirmation_Unconfirmed()
    {
        var link = (await Client().SendAsync("x")).ToString();
        _server.Service.ConfirmFailure = new Grpc.Core.Status(Grpc.Core.StatusCode.Unimplemented, "older server");
        await Client().ReadAsync(link);

        var status = await Client().ExistsAsync(link);

        Assert.Equal((SecretState.Read, ConfirmationState.Unconfirmed, null), (status.State, status.Confirmation, status.ReaderNote));
    }

    [Fact]
    public async Task ExistsAsync_AnotherSecretsConfirmation_Invalid()
    {
        var first = (await Client().SendAsync("a")).ToString();
        var second = (await Client().SendAsync("b")).ToString();
        await Client().ReadAsync(first, new ReadOptions { Note = "first" });
        await Client().ReadAsync(second, new ReadOptions { Note = "second" });
        var secondsConfirmation = _server.Service.ConfirmRequests.Last().Confirmation.ToByteArray();

        _server.Service.SetConfirmation(OneTimeClientConfirmReadTests.IdOf(first), secondsConfirmation);
        var status = await Client().ExistsAsync(first);

        Assert.Equal((ConfirmationState.Invalid, null), (status.Confirmation, status.ReaderNote));
        Assert.Equal(ConfirmationState.Confirmed, (await Client().ExistsAsync(second)).Confirmation);
    }

    [Theory]
    [InlineData(0)]   // the version byte
    [InlineData(5)]   // the nonce
    [InlineData(100)] // the sealed note
    [InlineData(284)] // the tag
    public async Task ExistsAsync_ChangedByte_Invalid(int index)
    {
        var link = (await Client().SendAsync("x")).ToString();
        await Client().ReadAsync(link, new ReadOptions { Note = "genuine" });
        var changed = _server.Service.ConfirmRequests.Single().Confirmation.ToByteArray();
        changed[index] ^= 0x01;

        _server.Service.SetConfirmation(OneTimeClientConfirmReadTests.IdOf(link), changed);

        Assert.Equal(ConfirmationState.Invalid, (await Client().ExistsAsync(link)).Confirmation);
    }

    [Theory]
    [InlineData(285)]
    [InlineData(1)]
    [InlineData(512)]
    public async Task ExistsAsync_MadeUpConfirmation_Invalid(int size)
    {
        var link = (await Client().SendAsync("x")).ToString();
        _server.Service.ConfirmFailure = new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "dropped");
        await Client().ReadAsync(link);
        var madeUp = RandomNumberGenerator.GetBytes(size);
        madeUp[0] = 0x01; // the right version, so it is the tag that fails

        _server.Service.SetConfirmation(OneTimeClientConfirmReadTests.IdOf(link), madeUp);
        var status = await Client().ExistsAsync(link);

        Assert.Equal((SecretState.Read, ConfirmationState.Invalid, null), (status.State, status.Confirmation, status.ReaderNote));
    }

    [Fact]
    public async Task ExistsAsync_WrongPassphraseOnAReceipt_GoneNotInvalid()
    {
        var link = (await Client().SendAsync("x", passphrase: "pw")).ToString();
        await Client().ReadAsync(link, "pw");

        var status = await Client().ExistsAsync(link, "other");

        Assert.Equal((SecretState.Gone, ConfirmationState.None), (status.State, status.Confirmation));
    }

    private OneTimeClient Client() => new(new HttpClient(), new OneTimeClientOptions { BaseAddress = _server.WebUri });
}
