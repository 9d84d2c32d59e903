using OneTime.Server.Grpc;
using OneTime.Server.Health.V1;
using ServingStatus = OneTime.Server.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OneTime.Server.Health;

/// <summary>
/// grpc.health.v1.Health (grpc/grpc doc/health-checking.md). The server as a whole ("") and onetime.v1.SecretService
/// are SERVING while the store answers and NOT_SERVING while it does not.
/// </summary>
internal sealed class HealthService(StoreHealthMonitor monitor, IHostApplicationLifetime lifetime)
{
    public const string SecretServiceName = "onetime.v1.SecretService";

    public static GrpcServiceDefinition CreateDefinition(HealthService service) =>
        GrpcServiceDefinition.CreateBuilder(HealthReflection.Descriptor.Services[0])
            .AddUnaryMethod<HealthCheckRequest, HealthCheckResponse>("Check", service.CheckAsync)
            .AddServerStreamingMethod<HealthCheckRequest, HealthCheckResponse>("Watch", service.WatchAsync)
            .Build();

    public ValueTask<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context) =>
        IsKnown(request.Service)
            ? ValueTask.FromResult(new HealthCheckResponse { Status = Current() })
            : throw new RpcException(StatusCode.NotFound, "Unknown service.");

    /// <summary>
    /// Sends the status now and again at every change, until the client goes away; when the server stops, watchers
    /// hear NOT_SERVING and the call ends (OK), so open watches never hold up shutdown.
    /// </summary>
    public async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            if (!IsKnown(request.Service))
            {
                // doc/health-checking.md: an unknown service is SERVICE_UNKNOWN, and the call stays open.
                await responses.WriteAsync(new HealthCheckResponse { Status = ServingStatus.ServiceUnknown });
                await Task.Delay(Timeout.Infinite, stopping).WaitAsync(context.CancellationToken);
                return;
            }

            while (true)
            {
                var changed = monitor.WaitForChangeAsync(context.CancellationToken).WaitAsync(stopping);
                await responses.WriteAsync(new HealthCheckResponse { Status = Current() });
                await changed;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            await responses.WriteAsync(new HealthCheckResponse { Status = ServingStatus.NotServing });
        }
    }

    private static bool IsKnown(string service) => service.Length == 0 || service == SecretServiceName;

    private ServingStatus Current() => monitor.IsServing switch
    {
        true => ServingStatus.Serving,
        false => ServingStatus.NotServing,
        null => ServingStatus.Unknown,
    };
}
