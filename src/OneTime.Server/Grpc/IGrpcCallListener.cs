namespace OneTime.Server.Grpc;

/// <summary>
/// Hears how every call ended, for metrics; registered in DI, it is picked up by
/// <see cref="GrpcServerExtensions.UseGrpcServices"/>. Called once per call, on the call's own path, so keep it cheap.
/// </summary>
public interface IGrpcCallListener
{
    /// <summary>What a call to a path no service defines is reported as, so arbitrary paths cannot grow label sets.</summary>
    public const string UnknownMethod = "unknown";

    /// <param name="method">The method path, <c>/package.Service/Method</c>, or <see cref="UnknownMethod"/>.</param>
    void CallCompleted(string method, StatusCode status, TimeSpan elapsed);
}
