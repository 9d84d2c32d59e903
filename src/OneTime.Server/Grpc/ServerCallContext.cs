using Microsoft.AspNetCore.Http;

namespace OneTime.Server.Grpc;

/// <summary>What a handler knows about the call besides its request message.</summary>
public sealed class ServerCallContext(HttpContext httpContext, DateTime? deadline, CancellationToken cancellationToken)
{
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>The client's deadline (from <c>grpc-timeout</c>), in UTC; null when none was sent.</summary>
    public DateTime? Deadline { get; } = deadline;

    /// <summary>Fires when the client goes away or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
