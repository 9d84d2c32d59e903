using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OneTime.Server.Metrics;
using OneTime.Server.RateLimiting;
using OneTime.Server.Storage;
using OneTime.V1;
using SecretServiceBase = OneTime.V1.SecretService.SecretServiceBase;

namespace OneTime.Server.Secrets;

/// <summary>
/// The onetime.v1.SecretService handlers over grpc-dotnet's generated base. They see only ciphertext and a token
/// digest, never a key; every failure becomes a status in <see cref="StoreErrors"/> or the validator, and nothing
/// identifying a secret reaches a log. Registered as a singleton: it holds no per-call state, and grpc-dotnet would
/// otherwise build one (and its validator) for every call.
/// </summary>
internal sealed class SecretService(
    ISecretStore store,
    SecretWriter writer,
    IOptions<OneTimeOptions> options,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider time,
    OneTimeMetrics metrics,
    ILogger<SecretService> logger) : SecretServiceBase
{
    private readonly SecretRequestValidator _validator = new(options.Value);

    public override async Task<StoreResponse> Store(StoreRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await StoreCoreAsync(request, context);
            metrics.CallCompleted(RpcMethod.Store, StatusCode.OK, started);
            return response;
        }
        catch (Exception e)
        {
            throw Completed(RpcMethod.Store, e, context, started);
        }
    }

    public override async Task<RetrieveResponse> Retrieve(RetrieveRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await RetrieveCoreAsync(request, context.CancellationToken);
            metrics.CallCompleted(RpcMethod.Retrieve, StatusCode.OK, started);
            return response;
        }
        catch (Exception e)
        {
            throw Completed(RpcMethod.Retrieve, e, context, started);
        }
    }

    public override async Task<ExistsResponse> Exists(ExistsRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await ExistsCoreAsync(request, context.CancellationToken);
            metrics.CallCompleted(RpcMethod.Exists, StatusCode.OK, started);
            return response;
        }
        catch (Exception e)
        {
            throw Completed(RpcMethod.Exists, e, context, started);
        }
    }

    private async Task<StoreResponse> StoreCoreAsync(StoreRequest request, ServerCallContext context)
    {
        _validator.ValidateCiphertext(request.Ciphertext);
        _validator.ValidateAuthToken(request.AuthToken);
        var ttl = _validator.GetTimeToLive(request.Ttl);

        // The quota's client is the rate limiter's: the peer's network, or the forwarded client's behind a known proxy.
        var client = ClientNetwork.Of(context.GetHttpContext(), rateLimits.Value);
        var id = await writer.StoreAsync(client, request.Ciphertext.Memory, request.AuthToken.Memory, ttl, context.CancellationToken);
        metrics.Stored(request.Ciphertext.Length);
        return new StoreResponse { Id = id, ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + ttl) };
    }

    private async Task<RetrieveResponse> RetrieveCoreAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        var ciphertext = await store.TakeAsync(key, cancellationToken);
        if (ciphertext is null)
        {
            metrics.NotFound();
            throw StoreErrors.NotFound;
        }

        metrics.Read(ciphertext.Length);
        return new RetrieveResponse { Ciphertext = UnsafeByteOperations.UnsafeWrap(ciphertext) };
    }

    private async Task<ExistsResponse> ExistsCoreAsync(ExistsRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        var ttl = await store.GetTimeToLiveAsync(key, cancellationToken);
        switch (ttl)
        {
            case null:
                metrics.NotFound();
                return new ExistsResponse { Exists = false };
            case { } left when left < TimeSpan.Zero:
                // A key without an expiry was not written by Store (every Store sets one): it exists, but says no time.
                return new ExistsResponse { Exists = true };
            case { } left:
                return new ExistsResponse { Exists = true, ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + left) };
        }
    }

    /// <summary>Turns a failed call into the exception grpc-dotnet answers with, and records its status.</summary>
    private Exception Completed(RpcMethod method, Exception exception, ServerCallContext context, long started)
    {
        var status = StoreErrors.Translate(exception, context, logger);
        metrics.CallCompleted(method, status.StatusCode, started);
        return status;
    }
}
