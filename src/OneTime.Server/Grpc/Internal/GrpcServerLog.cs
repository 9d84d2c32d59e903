using Microsoft.Extensions.Logging;

namespace OneTime.Server.Grpc.Internal;

/// <summary>The gRPC layer's log events. Never pass message bodies, tokens or ids here.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Unsupported content-type '{ContentType}' on a gRPC method path; answering 415.")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(2, LogLevel.Debug, "gRPC request over {Protocol}; answering 426, application/grpc needs HTTP/2.")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(3, LogLevel.Debug, "HTTP method {Method} on a gRPC method path; answering 405.")]
    public static partial void MethodNotAllowed(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Information, "Unimplemented gRPC method '{Path}'.")]
    public static partial void UnimplementedMethod(ILogger logger, string path);

    [LoggerMessage(5, LogLevel.Debug, "Call to '{Path}' ended with {StatusCode}: {Message}")]
    public static partial void RpcError(ILogger logger, string path, StatusCode statusCode, string message);

    [LoggerMessage(6, LogLevel.Debug, "Call to '{Path}' exceeded its deadline of {Timeout}.")]
    public static partial void DeadlineExceeded(ILogger logger, string path, TimeSpan timeout);

    [LoggerMessage(7, LogLevel.Debug, "Call to '{Path}' was cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string path);

    [LoggerMessage(8, LogLevel.Error, "Error when executing gRPC method '{Path}'.")]
    public static partial void HandlerError(ILogger logger, string path, Exception exception);

    [LoggerMessage(9, LogLevel.Debug, "Origin '{Origin}' is not allowed to call gRPC-Web methods.")]
    public static partial void OriginDenied(ILogger logger, string origin);
}
