namespace OneTime.Client.EndToEndTests;

/// The library's read confirmations against the real server, on both stores and both transports: the last view
/// confirms with the note, an older reader leaves the read unconfirmed, another secret's confirmation is Invalid, and
/// a server that keeps no receipts cannot be told but still hands out the secret.
public sealed class ReadConfirmationTests
{
    public static TheoryData<string, string> StoresAndTransports() => ServerFixture.StoresAndTransports();

    [Theory]
    [MemberData(nameof(StoresAndTransports))]
    public async Task ReadAsync_WithNote_ExistsAsyncConfirmedWithTheNote(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync("x", passphrase: "pp")).ToString();

        var secret = await client.ReadAsync(link, new ReadOptions { Passphrase = "pp", Note = "merci ✓" });
        var status = await client.ExistsAsync(link, "pp");

        Assert.Equal(ConfirmationDelivery.Delivered, secret.ConfirmationDelivery);
        Assert.Equal((SecretState.Read, ConfirmationState.Confirmed, "merci ✓"), (status.State, status.Confirmation, status.ReaderNote));
    }

    [Theory]
    [MemberData(nameof(StoresAndTransports))]
    public async Task ReadByAnOlderClient_ExistsAsyncUnconfirmed(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var link = (await client.SendAsync("x")).ToString();
        using var older = new OlderClient(server);

        await older.RetrieveAsync(link);
        var status = await client.ExistsAsync(link);

        Assert.Equal((SecretState.Read, ConfirmationState.Unconfirmed, null), (status.State, status.Confirmation, status.ReaderNote));
    }

    [Theory]
    [MemberData(nameof(StoresAndTransports))]
    public async Task AnotherSecretsConfirmation_Invalid(string store, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(store);
        var client = ServerFixture.Client(server, transport);
        var first = (await client.SendAsync("a")).ToString();
        var second = (await client.SendAsync("b")).ToString();
        using var older = new OlderClient(server);
        await older.RetrieveAsync(first);
        await client.ReadAsync(second, new ReadOptions { Note = "second" });

        // A link holder (or the server) puts the second secret's genuine confirmation on the first's receipt.
        await older.ConfirmReadAsync(first, await older.ReadConfirmationAsync(second));
        var status = await client.ExistsAsync(first);

        Assert.Equal((SecretState.Read, ConfirmationState.Invalid, null), (status.State, status.Confirmation, status.ReaderNote));
        Assert.Equal(ConfirmationState.Confirmed, (await client.ExistsAsync(second)).Confirmation);
    }

    [Fact]
    public async Task ReadAsync_ServerWithoutReceipts_ReturnsTheSecret_DeliveryFailed()
    {
        await using var server = await ServerUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["OneTime:ReadReceipts"] = "false" });
        var client = ServerFixture.Client(server, ServerFixture.Web);
        var link = (await client.SendAsync("x")).ToString();

        var secret = await client.ReadAsync(link, new ReadOptions { Note = "n" });

        Assert.Equal(("x", ConfirmationDelivery.Failed), (secret.Text, secret.ConfirmationDelivery));
    }
}
