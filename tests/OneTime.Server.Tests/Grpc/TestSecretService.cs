using Google.Protobuf;
using OneTime.Server.Grpc;
using OneTime.V1;

namespace OneTime.Server.Tests.Grpc;

/// <summary>
/// A fake onetime.v1.SecretService that exercises the transport: Store echoes, Retrieve can wait for its
/// cancellation, Exists can fail on demand.
/// </summary>
public sealed class TestSecretService
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

    public GrpcServiceDefinition Build() =>
        GrpcServiceDefinition.CreateBuilder(SecretsReflection.Descriptor.Services[0])
            .AddUnaryMethod<StoreRequest, StoreResponse>("Store", StoreAsync)
            .AddUnaryMethod<RetrieveRequest, RetrieveResponse>("Retrieve", RetrieveAsync)
            .AddUnaryMethod<ExistsRequest, ExistsResponse>("Exists", ExistsAsync)
            .Build();

    private static ValueTask<StoreResponse> StoreAsync(StoreRequest request, ServerCallContext context) =>
        ValueTask.FromResult(new StoreResponse { Id = request.Ciphertext.ToStringUtf8() });

    private async ValueTask<RetrieveResponse> RetrieveAsync(RetrieveRequest request, ServerCallContext context)
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

    private static ValueTask<ExistsResponse> ExistsAsync(ExistsRequest request, ServerCallContext context) => request.Id switch
    {
        RpcErrorId => throw new RpcException(StatusCode.NotFound, RpcErrorMessage),
        ThrowId => throw new InvalidOperationException(SensitiveDetail),
        _ => ValueTask.FromResult(new ExistsResponse { Exists = true }),
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
