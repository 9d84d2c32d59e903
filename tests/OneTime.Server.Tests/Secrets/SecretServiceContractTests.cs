using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Testing;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>
/// The service's contract, end to end over a real Kestrel: run against both stores and over both transports by the
/// sealed classes at the bottom. What a client sees must not depend on either.
/// </summary>
public abstract partial class SecretServiceContractTests : IDisposable
{
    private const int MaxCiphertextBytes = 1024 * 1024;
    private readonly GrpcTestClient _client;
    private readonly SecretCalls _calls;

    private protected SecretServiceContractTests(OneTimeTestServer server, GrpcTestMode mode)
    {
        Server = server;
        _client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        _calls = new SecretCalls(_client, mode);
    }

    protected OneTimeTestServer Server { get; }

    [Fact]
    public async Task Retrieve_AfterStore_ReturnsCiphertextOnceThenNotFound()
    {
        var secret = await _calls.StoreNewAsync(size: 300);

        var first = await _calls.RetrieveAsync(secret);
        var second = await _calls.RetrieveAsync(secret);

        Assert.Equal(StatusCode.OK, first.Status);
        Assert.Equal(secret.Ciphertext, first.Single(RetrieveResponse.Parser).Ciphertext);
        Assert.Equal(StatusCode.NotFound, second.Status);
        Assert.True(second.IsTrailersOnly);
    }

    [Fact]
    public async Task Store_ReturnsRandomIdAndExpiry()
    {
        var before = DateTimeOffset.UtcNow;
        var response = await _calls.StoreAsync(new StoreRequest
        {
            Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken(), Ttl = Duration.FromTimeSpan(TimeSpan.FromHours(1)),
        });
        var other = await _calls.StoreNewAsync();

        var stored = response.Single(StoreResponse.Parser);
        Assert.Matches("^[A-Za-z0-9_-]{21}[AQgw]$", stored.Id);
        Assert.NotEqual(other.Id, stored.Id);
        Assert.InRange(stored.ExpiresAt.ToDateTimeOffset(), before.AddHours(1).AddSeconds(-5), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(5));
    }

    [Fact]
    public async Task Store_WithoutTtl_ExpiresInSevenDays()
    {
        var response = await _calls.StoreAsync(new StoreRequest { Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken() });

        var expiresAt = response.Single(StoreResponse.Parser).ExpiresAt.ToDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Retrieve_WrongToken_NotFoundAndDoesNotBurn()
    {
        var secret = await _calls.StoreNewAsync();

        var wrong = await _calls.RetrieveAsync(secret with { Token = SecretCalls.NewToken() });
        var right = await _calls.RetrieveAsync(secret);

        Assert.Equal(StatusCode.NotFound, wrong.Status);
        Assert.Equal(StatusCode.OK, right.Status);
        Assert.Equal(secret.Ciphertext, right.Single(RetrieveResponse.Parser).Ciphertext);
    }

    [Fact]
    public async Task NotFound_UnknownIdWrongTokenAndAlreadyRead_AreIndistinguishable()
    {
        var secret = await _calls.StoreNewAsync();
        var wrongToken = await _calls.RetrieveAsync(secret with { Token = SecretCalls.NewToken() });
        var unknownId = await _calls.RetrieveAsync(secret with { Id = "AAAAAAAAAAAAAAAAAAAAAA" });
        await _calls.RetrieveAsync(secret);
        var alreadyRead = await _calls.RetrieveAsync(secret);

        foreach (var response in new[] { unknownId, alreadyRead })
        {
            Assert.Equal(wrongToken.Status, response.Status);
            Assert.Equal(wrongToken.RawMessage, response.RawMessage);
            Assert.Equal(wrongToken.IsTrailersOnly, response.IsTrailersOnly);
        }
    }

    [Fact]
    public async Task Exists_BeforeAndAfterRead_ReportsAndNeverDeletes()
    {
        var secret = await _calls.StoreNewAsync(ttl: Duration.FromTimeSpan(TimeSpan.FromMinutes(10)));

        var before = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var again = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);
        var wrongToken = (await _calls.ExistsAsync(secret with { Token = SecretCalls.NewToken() })).Single(ExistsResponse.Parser);
        var read = await _calls.RetrieveAsync(secret);
        var after = (await _calls.ExistsAsync(secret)).Single(ExistsResponse.Parser);

        Assert.True(before.Exists);
        Assert.Equal(SecretState.Waiting, before.State);
        Assert.Equal(1u, before.ViewsLeft);
        Assert.Null(before.ReadAt);
        Assert.InRange(before.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.True(again.Exists);
        Assert.False(wrongToken.Exists);
        Assert.Equal(SecretState.Unspecified, wrongToken.State);
        Assert.Null(wrongToken.ExpiresAt);
        Assert.Equal(StatusCode.OK, read.Status);
        // Read receipts are on by default: the receipt keeps the secret's expiry and the time of the read.
        Assert.False(after.Exists);
        Assert.Equal(SecretState.Read, after.State);
        Assert.Equal(0u, after.ViewsLeft);
        Assert.InRange(after.ReadAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.InRange((after.ExpiresAt.ToDateTimeOffset() - before.ExpiresAt.ToDateTimeOffset()).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(30 * 24 * 3600)]
    public async Task Store_TtlAtBounds_Succeeds(long seconds)
    {
        var response = await _calls.StoreAsync(new StoreRequest
        {
            Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken(), Ttl = new Duration { Seconds = seconds },
        });

        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData(59, 999_999_999)]
    [InlineData(30 * 24 * 3600, 1)]
    [InlineData(0, 0)]
    [InlineData(-3600, 0)]
    [InlineData(3600, -1)]
    [InlineData(315_576_000_000, 0)]
    [InlineData(long.MaxValue, 0)]
    public async Task Store_TtlOutOfRange_InvalidArgumentNamingTheRange(long seconds, int nanos)
    {
        var response = await _calls.StoreAsync(new StoreRequest
        {
            Ciphertext = SecretCalls.NewCiphertext(), AuthToken = SecretCalls.NewToken(), Ttl = new Duration { Seconds = seconds, Nanos = nanos },
        });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal("ttl must be between 1 minute and 30 days (unset means 7 days).", response.Message);
    }

    [Fact]
    public async Task Store_CiphertextExactlyAtLimit_RoundTrips()
    {
        var secret = await _calls.StoreNewAsync(size: MaxCiphertextBytes);

        var read = await _calls.RetrieveAsync(secret);

        Assert.Equal(secret.Ciphertext, read.Single(RetrieveResponse.Parser).Ciphertext);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // a one-byte "secret": never a client's envelope, only a cheap way to fill the store
    [InlineData(SecretCalls.SmallestEnvelope - 1)]
    [InlineData(MaxCiphertextBytes + 1)]
    public async Task Store_CiphertextSizeOutOfRange_InvalidArgument(int size)
    {
        var response = await _calls.StoreAsync(new StoreRequest { Ciphertext = ByteString.CopyFrom(new byte[size]), AuthToken = SecretCalls.NewToken() });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal($"ciphertext must be 285 to {MaxCiphertextBytes} bytes (an envelope of format 1 is never shorter).", response.Message);
    }

    [Fact]
    public async Task Store_MessageOverReceiveLimit_ResourceExhausted()
    {
        var response = await _calls.StoreAsync(new StoreRequest
        {
            Ciphertext = ByteString.CopyFrom(new byte[MaxCiphertextBytes + 4096]), AuthToken = SecretCalls.NewToken(),
        });

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public async Task AnyCall_TokenNot32Bytes_InvalidArgument(int length)
    {
        var secret = await _calls.StoreNewAsync();
        var token = ByteString.CopyFrom(new byte[length]);

        var store = await _calls.StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext, AuthToken = token });
        var retrieve = await _calls.RetrieveAsync(new RetrieveRequest { Id = secret.Id, AuthToken = token });
        var exists = await _calls.ExistsAsync(new ExistsRequest { Id = secret.Id, AuthToken = token });

        Assert.All([store, retrieve, exists], r => Assert.Equal(StatusCode.InvalidArgument, r.Status));
        Assert.Equal("auth_token must be exactly 32 bytes.", retrieve.Message);
        Assert.Equal(StatusCode.OK, (await _calls.RetrieveAsync(secret)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")] // 23 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB")] // spare bits set: not a canonical spelling
    [InlineData("AAAAAAAAAAAAAAAAAAAA+A")] // base64, not base64url
    [InlineData("AAAAAAAAAAAAAAAAAAAA=A")]
    [InlineData("ÄAAAAAAAAAAAAAAAAAAAAA")]
    public async Task RetrieveAndExists_MalformedId_InvalidArgument(string id)
    {
        var retrieve = await _calls.RetrieveAsync(new RetrieveRequest { Id = id, AuthToken = SecretCalls.NewToken() });
        var exists = await _calls.ExistsAsync(new ExistsRequest { Id = id, AuthToken = SecretCalls.NewToken() });

        Assert.Equal(StatusCode.InvalidArgument, retrieve.Status);
        Assert.Equal(StatusCode.InvalidArgument, exists.Status);
        Assert.Equal("id must be 22 base64url characters, as returned by Store.", retrieve.Message);
    }

    [Fact]
    public async Task Retrieve_64Concurrent_ExactlyOneGetsTheCiphertext()
    {
        var secret = await _calls.StoreNewAsync(size: 1000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => _calls.RetrieveAsync(secret))));

        var winner = Assert.Single(responses, r => r.Status == StatusCode.OK);
        Assert.Equal(secret.Ciphertext, winner.Single(RetrieveResponse.Parser).Ciphertext);
        Assert.Equal(63, responses.Count(r => r.Status == StatusCode.NotFound));
    }

    [Fact]
    public async Task Logs_AfterFullFlow_HoldNoIdTokenCiphertextOrConfirmation()
    {
        var secret = await _calls.StoreNewAsync();
        var confirmation = SecretCalls.NewCiphertext();
        await _calls.ExistsAsync(secret);
        await _calls.RetrieveAsync(secret with { Token = SecretCalls.NewToken() });
        await _calls.ConfirmReadAsync(secret, confirmation);
        await _calls.RetrieveAsync(secret);
        await _calls.RetrieveAsync(secret);
        await _calls.ConfirmReadAsync(secret, confirmation);
        await _calls.ConfirmReadAsync(secret, confirmation);
        await _calls.ExistsAsync(secret);

        var logged = string.Join("\n", Server.Logs.Entries.Select(e => $"{e.Message} {e.Exception}"));
        Assert.DoesNotContain(secret.Id, logged);
        Assert.DoesNotContain(secret.Id[..8], logged);
        Assert.DoesNotContain(secret.Token.ToBase64(), logged);
        Assert.DoesNotContain(Convert.ToHexString(secret.Token.ToByteArray()), logged, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret.Ciphertext.ToBase64(), logged);
        Assert.DoesNotContain(confirmation.ToBase64(), logged);
        Assert.DoesNotContain(Convert.ToHexString(confirmation.ToByteArray()), logged, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _client.Dispose();
}

public sealed class MemoryStoreOverGrpc(MemoryStoreServerFixture fixture)
    : SecretServiceContractTests(fixture.Server, GrpcTestMode.Grpc), IClassFixture<MemoryStoreServerFixture>;

public sealed class MemoryStoreOverGrpcWeb(MemoryStoreServerFixture fixture)
    : SecretServiceContractTests(fixture.Server, GrpcTestMode.GrpcWeb), IClassFixture<MemoryStoreServerFixture>;

public sealed class RedisStoreOverGrpc(RedisStoreServerFixture fixture)
    : SecretServiceContractTests(fixture.Server, GrpcTestMode.Grpc), IClassFixture<RedisStoreServerFixture>;

public sealed class RedisStoreOverGrpcWebText(RedisStoreServerFixture fixture)
    : SecretServiceContractTests(fixture.Server, GrpcTestMode.GrpcWebText), IClassFixture<RedisStoreServerFixture>;
