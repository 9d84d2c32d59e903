using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using OneTime.Server.Grpc;
using OneTime.Server.Metrics;
using OneTime.Server.Storage;
using OneTime.V1;

namespace OneTime.Server.Secrets;

/// <summary>
/// The onetime.v1.SecretService handlers. They see only ciphertext and a token digest, never a key; every failure
/// becomes a status here or in <see cref="StoreErrors"/>, and nothing identifying a secret reaches a log.
/// </summary>
internal sealed class SecretService(
    ISecretStore store,
    IOptions<OneTimeOptions> options,
    TimeProvider time,
    OneTimeMetrics metrics,
    ILogger<SecretService> logger)
{
    // Only a freshly made id can collide, and only with probability 2^-128: retrying is for correctness, not load.
    private const int MaxIdAttempts = 3;

    private readonly SecretRequestValidator _validator = new(options.Value);

    public static GrpcServiceDefinition CreateDefinition(SecretService service) =>
        GrpcServiceDefinition.CreateBuilder(SecretsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("SecretService"))
            .AddUnaryMethod<StoreRequest, StoreResponse>("Store", service.StoreAsync)
            .AddUnaryMethod<RetrieveRequest, RetrieveResponse>("Retrieve", service.RetrieveAsync)
            .AddUnaryMethod<ExistsRequest, ExistsResponse>("Exists", service.ExistsAsync)
            .Build();

    public async ValueTask<StoreResponse> StoreAsync(StoreRequest request, ServerCallContext context)
    {
        _validator.ValidateCiphertext(request.Ciphertext);
        _validator.ValidateAuthToken(request.AuthToken);
        var ttl = _validator.GetTimeToLive(request.Ttl);

        var id = new byte[SecretKey.IdSize];
        try
        {
            for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
            {
                var text = SecretId.Create(id);
                var key = SecretKey.Create(id, request.AuthToken.Span);
                if (await store.TryAddAsync(key, request.Ciphertext.Memory, ttl, context.CancellationToken))
                {
                    metrics.Stored(request.Ciphertext.Length);
                    return new StoreResponse { Id = text, ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + ttl) };
                }
            }
        }
        catch (Exception e) when (StoreErrors.TryTranslate(e, logger, out var status))
        {
            throw status;
        }
        throw new RpcException(StatusCode.Internal, "Could not allocate a secret id.");
    }

    public async ValueTask<RetrieveResponse> RetrieveAsync(RetrieveRequest request, ServerCallContext context)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        byte[]? ciphertext;
        try
        {
            ciphertext = await store.TakeAsync(key, context.CancellationToken);
        }
        catch (Exception e) when (StoreErrors.TryTranslate(e, logger, out var status))
        {
            throw status;
        }
        if (ciphertext is null)
        {
            metrics.NotFound();
            throw StoreErrors.NotFound;
        }

        metrics.Read(ciphertext.Length);
        return new RetrieveResponse { Ciphertext = UnsafeByteOperations.UnsafeWrap(ciphertext) };
    }

    public async ValueTask<ExistsResponse> ExistsAsync(ExistsRequest request, ServerCallContext context)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        TimeSpan? ttl;
        try
        {
            ttl = await store.GetTimeToLiveAsync(key, context.CancellationToken);
        }
        catch (Exception e) when (StoreErrors.TryTranslate(e, logger, out var status))
        {
            throw status;
        }
        return ttl switch
        {
            null => NotFound(),
            // A key without an expiry was not written by Store (every Store sets one): it exists, but says no time.
            { } left when left < TimeSpan.Zero => new ExistsResponse { Exists = true },
            { } left => new ExistsResponse { Exists = true, ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + left) },
        };

        ExistsResponse NotFound()
        {
            metrics.NotFound();
            return new ExistsResponse { Exists = false };
        }
    }
}
