using Google.Protobuf;
using Grpc.Core;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

/// <summary>
/// A fake onetime.v1.SecretService on the generated base, to exercise the transport as the server configures it:
/// Store echoes, Retrieve can wait for its cancellation, Exists can fail on demand.
/// </summary>
public sealed class TestSecretService : SecretService.SecretServiceBase
{
    public const string StorePath = "/onetime.v1.SecretService/Store";
    public const string RetrievePath = "/onetime.v1.SecretService/Retrieve";
    public const string ExistsPath = "/onetime.v1.SecretService/Exists";

    public const string WaitId = "wait";
    public const string RpcErrorId = "rpc";
    public const string ThrowId = "boom";
    public const string RpcErrorMessage = "not here: 100% ✓";
    public const string SensitiveDetail = "sensitive detail that must stay in the log";

    private TaskCompletionSource _retrieveCancelled = NewSignal();

    /// <summary>Completes when a waiting Retrieve saw its cancellation token fire.</summary>
    public Task RetrieveCancelled => _retrieveCancelled.Task;

    public void ResetSignals() => _retrieveCancelled = NewSignal();

    public override Task<StoreResponse> Store(StoreRequest request, ServerCallContext context) =>
        Task.FromResult(new StoreResponse { Id = request.Ciphertext.ToStringUtf8() });

    public override async Task<RetrieveResponse> Retrieve(RetrieveRequest request, ServerCallContext context)
    {
        if (request.Id == WaitId)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                _retrieveCancelled.TrySetResult();
                throw;
            }
        }

        return new RetrieveResponse { Ciphertext = ByteString.CopyFromUtf8(request.Id) };
    }

    public override Task<ExistsResponse> Exists(ExistsRequest request, ServerCallContext context) => request.Id switch
    {
        RpcErrorId => throw new RpcException(new Status(StatusCode.NotFound, RpcErrorMessage)),
        ThrowId => throw new InvalidOperationException(SensitiveDetail),
        _ => Task.FromResult(new ExistsResponse { Exists = true }),
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
