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
    // Messages no handler changes after building them: shared by every call.
    private static readonly ExistsResponse Unknown = new() { Exists = false, State = SecretState.Unspecified };
    private static readonly BurnResponse Burned = new();
    private static readonly ConfirmReadResponse Confirmed = new();

    private readonly SecretRequestValidator _validator = new(options.Value);
    private readonly Task<GetLimitsResponse> _limits = Task.FromResult(Limits.Of(options.Value));

    public override Task<StoreResponse> Store(StoreRequest request, ServerCallContext context) =>
        TimedAsync(RpcMethod.Store, request, context, static (service, request, context) => service.StoreCoreAsync(request, context));

    public override Task<RetrieveResponse> Retrieve(RetrieveRequest request, ServerCallContext context) =>
        TimedAsync(RpcMethod.Retrieve, request, context, static (service, request, context) => service.RetrieveCoreAsync(request, context.CancellationToken));

    public override Task<ExistsResponse> Exists(ExistsRequest request, ServerCallContext context) =>
        TimedAsync(RpcMethod.Exists, request, context, static (service, request, context) => service.ExistsCoreAsync(request, context.CancellationToken));

    public override Task<BurnResponse> Burn(BurnRequest request, ServerCallContext context) =>
        TimedAsync(RpcMethod.Burn, request, context, static (service, request, context) => service.BurnCoreAsync(request, context.CancellationToken));

    public override Task<ConfirmReadResponse> ConfirmRead(ConfirmReadRequest request, ServerCallContext context) =>
        TimedAsync(RpcMethod.ConfirmRead, request, context, static (service, request, context) => service.ConfirmReadCoreAsync(request, context.CancellationToken));

    public override Task<GetLimitsResponse> GetLimits(GetLimitsRequest request, ServerCallContext context)
    {
        // Built once from the options; the message is never changed after, so every call may share it.
        metrics.CallCompleted(RpcMethod.GetLimits, StatusCode.OK, Stopwatch.GetTimestamp());
        return _limits;
    }

    private async Task<StoreResponse> StoreCoreAsync(StoreRequest request, ServerCallContext context)
    {
        _validator.ValidateCiphertext(request.Ciphertext);
        _validator.ValidateAuthToken(request.AuthToken);
        var ttl = _validator.GetTimeToLive(request.Ttl);
        var views = _validator.GetViews(request.MaxViews);

        // The quota's client is the rate limiter's: the peer's network, or the forwarded client's behind a known proxy.
        var client = ClientNetwork.Of(context.GetHttpContext(), rateLimits.Value);
        var id = await writer.StoreAsync(client, request.Ciphertext.Memory, request.AuthToken.Memory, views, ttl, context.CancellationToken);
        metrics.Stored(request.Ciphertext.Length);
        return new StoreResponse { Id = id, ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + ttl) };
    }

    private async Task<RetrieveResponse> RetrieveCoreAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        var taken = await store.TakeViewAsync(key, cancellationToken);
        if (taken.Ciphertext is not { } ciphertext)
        {
            RecordMiss(taken.Outcome);
            throw StoreErrors.NotFound;
        }

        metrics.Read(ciphertext.Length);
        return new RetrieveResponse { Ciphertext = UnsafeByteOperations.UnsafeWrap(ciphertext), ViewsLeft = (uint)taken.ViewsLeft };
    }

    private async Task<ExistsResponse> ExistsCoreAsync(ExistsRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        var status = await store.GetStatusAsync(key, cancellationToken);
        if (status.Outcome != LookupOutcome.Found)
        {
            // The same "unknown" answer for every miss: a wrong token must not tell that the id exists.
            RecordMiss(status.Outcome);
            return Unknown;
        }

        var response = new ExistsResponse
        {
            Exists = status.IsWaiting,
            State = status.IsWaiting ? SecretState.Waiting : SecretState.Read,
            ViewsLeft = (uint)status.ViewsLeft,
        };
        // A key without an expiry was not written by Store (every Store sets one): it exists, but says no time.
        if (status.TimeToLive >= TimeSpan.Zero) response.ExpiresAt = Timestamp.FromDateTimeOffset(time.GetUtcNow() + status.TimeToLive);
        if (status.ReadAt is { } readAt) response.ReadAt = Timestamp.FromDateTimeOffset(readAt);
        // The store's own copy, never changed after: no need to copy it again into the message.
        if (!status.ReadConfirmation.IsEmpty) response.ReadConfirmation = UnsafeByteOperations.UnsafeWrap(status.ReadConfirmation);
        return response;
    }

    private async Task<BurnResponse> BurnCoreAsync(BurnRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        var outcome = await store.BurnAsync(key, cancellationToken);
        if (outcome != LookupOutcome.Found)
        {
            RecordMiss(outcome);
            throw StoreErrors.NotFound;
        }

        metrics.Burned();
        return Burned;
    }

    private async Task<ConfirmReadResponse> ConfirmReadCoreAsync(ConfirmReadRequest request, CancellationToken cancellationToken)
    {
        var key = _validator.GetKey(request.Id, request.AuthToken);
        SecretRequestValidator.ValidateConfirmation(request.Confirmation);
        var outcome = await store.ConfirmReadAsync(key, request.Confirmation.Memory, cancellationToken);
        switch (outcome)
        {
            case ConfirmOutcome.Confirmed:
                metrics.Confirmed();
                return Confirmed;
            case ConfirmOutcome.NotFound:
                RecordMiss(LookupOutcome.NotFound);
                break;
            case ConfirmOutcome.BurnedByWrongTokens:
                RecordMiss(LookupOutcome.BurnedByWrongTokens);
                break;
        }

        throw StoreErrors.NotConfirmed(outcome);
    }

    /// <summary>Records a miss, and a burn when it was the wrong token that reached the limit; the caller sees neither.</summary>
    private void RecordMiss(LookupOutcome outcome)
    {
        metrics.NotFound();
        if (outcome == LookupOutcome.BurnedByWrongTokens)
        {
            metrics.BurnedByWrongTokens();
            SecretsLog.BurnedByWrongTokens(logger, options.Value.MaxWrongAttempts);
        }
    }

    /// <summary>
    /// Runs a handler and records its duration and status by method. The handler is a static lambda over this service,
    /// so no call allocates a closure for it.
    /// </summary>
    private async Task<TResponse> TimedAsync<TRequest, TResponse>(RpcMethod method, TRequest request, ServerCallContext context,
        Func<SecretService, TRequest, ServerCallContext, Task<TResponse>> handle)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await handle(this, request, context);
            metrics.CallCompleted(method, StatusCode.OK, started);
            return response;
        }
        catch (Exception e)
        {
            throw Completed(method, e, context, started);
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
