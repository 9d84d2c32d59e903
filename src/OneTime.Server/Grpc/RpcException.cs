namespace OneTime.Server.Grpc;

/// <summary>
/// Ends a call with a status. Handlers throw it for every expected failure; the message is sent to the
/// client as <c>grpc-message</c>, so it must never hold a secret, a token or an id.
/// </summary>
public sealed class RpcException(StatusCode statusCode, string message) : Exception(message)
{
    public StatusCode StatusCode { get; } = statusCode;
}
