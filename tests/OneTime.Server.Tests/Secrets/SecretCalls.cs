using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Server.Tests.Infrastructure;
using OneTime.V1;

namespace OneTime.Server.Tests.Secrets;

/// <summary>onetime.v1.SecretService calls over one transport, through the raw test client.</summary>
internal sealed class SecretCalls(GrpcTestClient client, GrpcTestMode mode)
{
    private const string Service = "/onetime.v1.SecretService/";

    public GrpcTestMode Mode => mode;

    public Task<GrpcTestResponse> StoreAsync(StoreRequest request) => client.CallAsync(Service + "Store", request, mode);

    public Task<GrpcTestResponse> RetrieveAsync(RetrieveRequest request) => client.CallAsync(Service + "Retrieve", request, mode);

    public Task<GrpcTestResponse> ExistsAsync(ExistsRequest request) => client.CallAsync(Service + "Exists", request, mode);

    public Task<GrpcTestResponse> BurnAsync(BurnRequest request) => client.CallAsync(Service + "Burn", request, mode);

    public Task<GrpcTestResponse> ConfirmReadAsync(ConfirmReadRequest request) => client.CallAsync(Service + "ConfirmRead", request, mode);

    public Task<GrpcTestResponse> ConfirmReadAsync(StoredSecret secret, ByteString confirmation) =>
        ConfirmReadAsync(new ConfirmReadRequest { Id = secret.Id, AuthToken = secret.Token, Confirmation = confirmation });

    public Task<GrpcTestResponse> GetLimitsAsync() => client.CallAsync(Service + "GetLimits", new GetLimitsRequest(), mode);

    public Task<GrpcTestResponse> BurnAsync(StoredSecret secret) =>
        BurnAsync(new BurnRequest { Id = secret.Id, AuthToken = secret.Token });

    public Task<GrpcTestResponse> RetrieveAsync(StoredSecret secret) =>
        RetrieveAsync(new RetrieveRequest { Id = secret.Id, AuthToken = secret.Token });

    public Task<GrpcTestResponse> ExistsAsync(StoredSecret secret) =>
        ExistsAsync(new ExistsRequest { Id = secret.Id, AuthToken = secret.Token });

    /// <summary>The smallest ciphertext the server takes: 1 + 12 + 256 + 16 bytes (protos/README.md "Blob").</summary>
    public const int SmallestEnvelope = 285;

    /// <summary>Stores fresh random bytes under a fresh token and asserts it worked.</summary>
    public async Task<StoredSecret> StoreNewAsync(int size = SmallestEnvelope, Duration? ttl = null, uint views = 0)
    {
        var secret = new StoredSecret("", NewToken(), ByteString.CopyFrom(RandomNumberGenerator.GetBytes(size)));
        var response = await StoreAsync(new StoreRequest { Ciphertext = secret.Ciphertext, AuthToken = secret.Token, Ttl = ttl, MaxViews = views });
        Assert.True(response.Status == StatusCode.OK, $"Store failed: {response.Status} {response.Message}");
        return secret with { Id = response.Single(StoreResponse.Parser).Id };
    }

    public static ByteString NewToken() => ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32));

    /// <summary>Random bytes the size of the smallest envelope, for a Store that must pass validation.</summary>
    public static ByteString NewCiphertext(int size = SmallestEnvelope) => ByteString.CopyFrom(RandomNumberGenerator.GetBytes(size));
}

/// <summary>What a test stored: enough to read it back.</summary>
internal sealed record StoredSecret(string Id, ByteString Token, ByteString Ciphertext);
