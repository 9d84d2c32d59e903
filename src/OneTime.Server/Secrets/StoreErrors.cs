using System.Diagnostics.CodeAnalysis;
using OneTime.Server.Grpc;
using OneTime.Server.Storage;

namespace OneTime.Server.Secrets;

/// <summary>The one place where store outcomes become statuses.</summary>
internal static class StoreErrors
{
    /// <summary>
    /// Unknown id, wrong token, already read and expired all look the same, so that a caller learns nothing from
    /// probing.
    /// </summary>
    public static readonly RpcException NotFound =
        new(StatusCode.NotFound, "No such secret: it was already read, it expired, or the link is wrong.");

    private static readonly RpcException Unavailable =
        new(StatusCode.Unavailable, "The secret store is unavailable; nothing was stored or read. Try again shortly.");

    private static readonly RpcException Full =
        new(StatusCode.ResourceExhausted, "The secret store is full; nothing was stored. Try again later.");

    public static bool TryTranslate(Exception exception, ILogger logger, [NotNullWhen(true)] out RpcException? status)
    {
        switch (exception)
        {
            case StoreUnavailableException:
                SecretsLog.StoreUnavailable(logger, exception.Message);
                status = Unavailable;
                return true;
            case StoreFullException:
                SecretsLog.StoreFull(logger);
                status = Full;
                return true;
            default:
                status = null;
                return false;
        }
    }
}
