using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>Views, receipts, Burn, the wrong-attempt limit and GetLimits, end to end on both stores and transports.</summary>
public abstract partial class SecretServiceContractTests
{
    private const int DefaultMaxWrongAttempts = 10;

    [Fact]
    public async Task Retrieve_ThreeViews_CountsDownThenNotFound()
    {
        var secret = await _calls.StoreNewAsync(views: 3);

        var reads = new List<GrpcTestResponse>();
        for (var i = 0; i < 4; i++) reads.Add(await _calls.RetrieveAsync(secret));

        Assert.Equal([2u, 1u, 0u], reads.Take(3).Select(r => r.Single(RetrieveResponse.Parser).ViewsLeft));
        Assert.All(reads.Take(3), r => Assert.Equal(secret.Ciphertext, r.Single(RetrieveResponse.Parser).Ciphertext));
        Assert.Equal(StatusCode.NotFound, reads[3].Status);
    }

    [Fact]
    public async Task Retrieve_MaxViewsUnset_OneView()
    {
        var secret = await _calls.StoreNewAsync();

        var read = await _calls.RetrieveAsync(secret);

        Assert.Equal(0u, read.Single(RetrieveResponse.Parser).ViewsLeft);
        Assert.Equal(StatusCode.NotFound, (await _calls.RetrieveAsync(secret)).Status);
    }

    [Fact]
    public async Task Retrieve_FiveViews40Concurrent_ExactlyFiveGetTheCiphertext()
    {
        var secret = await _calls.StoreNewAsync(size: 1000, views: 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => _calls.RetrieveAsync(secret))));

        var winners = responses.Where(r => r.Status == StatusCode.OK).Select(r => r.Single(RetrieveResponse.Parser)).ToArray();
        Assert.Equal(5, winners.Length);
        Assert.All(winners, w => Assert.Equal(secret.Ciphertext, w.Ciphertext));
        Assert.Equal([0u, 1u, 2u, 3u, 4u], winners.Select(w => w.ViewsLeft).Order());
        Assert.Equal(35, responses.Count(r => r.Status == StatusCode.NotFound));
    }

    [Theory]
    [InlineData(101u)]
    [InlineData(uint.MaxValue)]
    public async Task Store_MaxViewsOverTheLimit_InvalidArgumentNamingIt(uint views)
    {
        var response = await _calls.StoreAsync(new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken(), MaxViews = views });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal("max_views must be at most 100, this server's limit (0 or unset means 1).", response.Message);
    }

    [Fact]
    public async Task Store_MaxViewsAtTheLimit_Succeeds()
    {
        var secret = await _calls.StoreNewAsync(views: 100);

        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.Equal(100u, exists.ViewsLeft);
    }

    [Fact]
    public async Task Exists_MultiViewAfterOneRead_WaitingWithViewsLeftAndReadAt()
    {
        var secret = await _calls.StoreNewAsync(views: 2);
        var before = DateTimeOffset.UtcNow;

        await _calls.RetrieveAsync(secret);
        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.True(exists.Exists);
        Assert.Equal(SecretState.Waiting, exists.State);
        Assert.Equal(1u, exists.ViewsLeft);
        Assert.InRange(exists.ReadAt.ToDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Burn_RightToken_DeletesAndExistsSaysUnknown()
    {
        var secret = await _calls.StoreNewAsync(views: 3);

        var burn = await _calls.BurnAsync(secret);
        var retrieve = await _calls.RetrieveAsync(secret);
        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var again = await _calls.BurnAsync(secret);

        Assert.Equal(StatusCode.OK, burn.Status);
        burn.Single(BurnResponse.Parser);
        Assert.Equal(StatusCode.NotFound, retrieve.Status);
        Assert.Equal(SecretState.Unspecified, exists.State);
        Assert.False(exists.Exists);
        Assert.Equal(StatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task Burn_WrongToken_NotFoundAndBurnsNothing()
    {
        var secret = await _calls.StoreNewAsync();

        var burn = await _calls.BurnAsync(secret with { Token = SecretCalls.NewToken() });
        var read = await _calls.RetrieveAsync(secret);

        Assert.Equal(StatusCode.NotFound, burn.Status);
        Assert.Equal("No such secret: it was already read, it expired, or the link is wrong.", burn.Message);
        Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
    }

    [Fact]
    public async Task Burn_MalformedId_InvalidArgument()
    {
        var burn = await _calls.BurnAsync(new BurnRequest { Id = "short", AuthToken = SecretCalls.NewToken() });

        Assert.Equal(StatusCode.InvalidArgument, burn.Status);
    }

    [Fact]
    public async Task Retrieve_LimitMinusOneWrongTokens_RightTokenReads()
    {
        var secret = await _calls.StoreNewAsync();

        for (var i = 0; i < DefaultMaxWrongAttempts - 1; i++)
        {
            Assert.Equal(StatusCode.NotFound, (await _calls.RetrieveAsync(secret with { Token = SecretCalls.NewToken() })).Status);
        }

        Assert.Equal(secret.Ciphertext, (await _calls.RetrieveAsync(secret)).Single(RetrieveResponse.Parser).Ciphertext);
    }

    [Fact]
    public async Task Retrieve_LimitWrongTokensRacing_BurnTheSecretWithTheSameAnswers()
    {
        var secret = await _calls.StoreNewAsync(views: 2);

        var wrong = await Task.WhenAll(Enumerable.Range(0, DefaultMaxWrongAttempts)
            .Select(_ => Task.Run(() => _calls.RetrieveAsync(secret with { Token = SecretCalls.NewToken() }))));
        var right = await _calls.RetrieveAsync(secret);
        var exists = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.All(wrong, r => Assert.Equal(StatusCode.NotFound, r.Status));
        Assert.Single(wrong.Select(r => r.Message).Distinct());
        Assert.Equal(StatusCode.NotFound, right.Status);
        Assert.Equal(SecretState.Unspecified, exists.State);
    }

    [Fact]
    public async Task GetLimits_DefaultConfiguration_ReportsTheDefaults()
    {
        var response = await _calls.GetLimitsAsync();

        var limits = response.Single(GetLimitsResponse.Parser);
        Assert.Equal(1024u * 1024, limits.MaxCiphertextBytes);
        Assert.Equal(285u, limits.MinCiphertextBytes);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), limits.MinTtl);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromDays(30)), limits.MaxTtl);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromDays(7)), limits.DefaultTtl);
        Assert.Equal(100u, limits.MaxViews);
        Assert.Equal(10u, limits.MaxWrongAttempts);
        Assert.True(limits.ReadReceipts);
    }
}
