using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>
/// ConfirmRead and ExistsResponse.read_confirmation (protos/README.md "Views, receipts and wrong attempts",
/// Confirmations), end to end on both stores and transports.
/// </summary>
public abstract partial class SecretServiceContractTests
{
    private const int FormatOneConfirmation = 285; // protos/README.md "Read confirmations (format 1)"
    private const string NotFoundMessage = "No such secret: it was already read, it expired, or the link is wrong.";

    [Fact]
    public async Task ConfirmRead_AfterLastView_OkAndExistsReturnsIt()
    {
        var secret = await ReceiptAsync();
        var unconfirmed = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var confirmation = NewConfirmation(FormatOneConfirmation);

        var confirm = await _calls.ConfirmReadAsync(secret, confirmation);
        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.Equal(StatusCode.OK, confirm.Status);
        confirm.Single(ConfirmReadResponse.Parser);
        Assert.True(unconfirmed.ReadConfirmation.IsEmpty);
        Assert.Equal(SecretState.Read, exists.State);
        Assert.Equal(confirmation, exists.ReadConfirmation);
        Assert.Equal(unconfirmed.ReadAt, exists.ReadAt);
        Assert.Equal(unconfirmed.ExpiresAt.ToDateTimeOffset(), exists.ExpiresAt.ToDateTimeOffset(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ConfirmRead_Twice_AlreadyExistsAndTheFirstStays()
    {
        var secret = await ReceiptAsync();
        var first = NewConfirmation(FormatOneConfirmation);
        await _calls.ConfirmReadAsync(secret, first);

        var second = await _calls.ConfirmReadAsync(secret, NewConfirmation(FormatOneConfirmation));

        Assert.Equal(StatusCode.AlreadyExists, second.Status);
        Assert.Equal("This read was already confirmed; the first confirmation stays.", second.Message);
        Assert.Equal(first, (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser).ReadConfirmation);
    }

    [Fact]
    public async Task ConfirmRead_ViewsLeft_FailedPreconditionAndExistsStillWaitingWithout()
    {
        var secret = await _calls.StoreNewAsync(size: 1000, views: 2);
        await _calls.RetrieveAsync(secret);

        var confirm = await _calls.ConfirmReadAsync(secret, NewConfirmation(FormatOneConfirmation));
        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.Equal(StatusCode.FailedPrecondition, confirm.Status);
        Assert.Equal("The secret still has views; a confirmation follows the last view.", confirm.Message);
        Assert.Equal(SecretState.Waiting, exists.State);
        Assert.True(exists.ReadConfirmation.IsEmpty);
    }

    [Fact]
    public async Task ConfirmRead_UnknownIdWrongTokenOrBurned_TheSameNotFoundAsRetrieve()
    {
        var receipt = await ReceiptAsync();
        var burned = await _calls.StoreNewAsync();
        await _calls.BurnAsync(burned);
        var retrieveMiss = await _calls.RetrieveAsync(receipt);
        var confirmation = NewConfirmation(FormatOneConfirmation);

        var misses = new[]
        {
            await _calls.ConfirmReadAsync(receipt with { Id = "AAAAAAAAAAAAAAAAAAAAAA" }, confirmation),
            await _calls.ConfirmReadAsync(receipt with { Token = SecretCalls.NewToken() }, confirmation),
            await _calls.ConfirmReadAsync(burned, confirmation),
        };

        Assert.All(misses, miss =>
        {
            Assert.Equal(StatusCode.NotFound, miss.Status);
            Assert.Equal(NotFoundMessage, miss.Message);
            Assert.Equal(retrieveMiss.RawMessage, miss.RawMessage);
            Assert.Equal(retrieveMiss.IsTrailersOnly, miss.IsTrailersOnly);
        });
        Assert.True((await _calls.ExistsAsync(receipt)).Single(ExistsResponse.Parser).ReadConfirmation.IsEmpty);
    }

    [Fact]
    public async Task ConfirmRead_LimitWrongTokensOnAWaitingSecret_BurnsIt()
    {
        var secret = await _calls.StoreNewAsync(views: 2);

        var wrong = new List<GrpcTestResponse>();
        for (var i = 0; i < DefaultMaxWrongAttempts; i++) wrong.Add(await _calls.ConfirmReadAsync(secret with { Token = SecretCalls.NewToken() }, NewConfirmation(1)));
        var right = await _calls.RetrieveAsync(secret);

        Assert.All(wrong, r => Assert.Equal(StatusCode.NotFound, r.Status));
        Assert.Equal(StatusCode.NotFound, right.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(512)]
    public async Task ConfirmRead_SizeAtTheBounds_Kept(int size)
    {
        var secret = await ReceiptAsync();
        var confirmation = NewConfirmation(size);

        var confirm = await _calls.ConfirmReadAsync(secret, confirmation);

        Assert.Equal(StatusCode.OK, confirm.Status);
        Assert.Equal(confirmation, (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser).ReadConfirmation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(513)]
    public async Task ConfirmRead_SizeOutOfRange_InvalidArgumentAndNothingKept(int size)
    {
        var secret = await ReceiptAsync();

        var confirm = await _calls.ConfirmReadAsync(secret, NewConfirmation(size));

        Assert.Equal(StatusCode.InvalidArgument, confirm.Status);
        Assert.Equal("confirmation must be 1 to 512 bytes (a confirmation of format 1 is 285).", confirm.Message);
        Assert.Equal(StatusCode.OK, (await _calls.ConfirmReadAsync(secret, NewConfirmation(FormatOneConfirmation))).Status);
    }

    [Theory]
    [InlineData("short", 32)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB", 32)] // spare bits set: not a canonical spelling
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA", 31)]
    public async Task ConfirmRead_MalformedIdOrToken_InvalidArgumentAsForRetrieve(string id, int tokenLength)
    {
        var token = ByteString.CopyFrom(new byte[tokenLength]);
        var retrieve = await _calls.RetrieveAsync(new RetrieveRequest { Id = id, AuthToken = token });

        var confirm = await _calls.ConfirmReadAsync(new ConfirmReadRequest { Id = id, AuthToken = token, Confirmation = NewConfirmation(FormatOneConfirmation) });

        Assert.Equal(StatusCode.InvalidArgument, confirm.Status);
        Assert.Equal(retrieve.Message, confirm.Message);
    }

    /// <summary>A secret read to its last view: the receipt left in its place.</summary>
    private async Task<StoredSecret> ReceiptAsync()
    {
        var secret = await _calls.StoreNewAsync();
        Assert.Equal(StatusCode.OK, (await _calls.RetrieveAsync(secret)).Status);
        return secret;
    }

    private static ByteString NewConfirmation(int size) => ByteString.CopyFrom(RandomNumberGenerator.GetBytes(size));
}
