using Grpc.Core;
using OneTime.Server.Quota;
using OneTime.Server.Storage;

namespace OneTime.Server.Secrets;

/// <summary>The one place where store outcomes and handler failures become statuses.</summary>
internal static class StoreErrors
{
    /// <summary>
    /// Unknown id, wrong token, already read and expired all look the same, so that a caller learns nothing from
    /// probing.
    /// </summary>
    public static readonly RpcException NotFound =
        new(new Status(StatusCode.NotFound, "No such secret: it was already read, it expired, or the link is wrong."));

    // ConfirmRead's refusals with the right token (protos/README.md "Views, receipts and wrong attempts", Confirmations).
    private static readonly RpcException AlreadyConfirmed =
        new(new Status(StatusCode.AlreadyExists, "This read was already confirmed; the first confirmation stays."));

    private static readonly RpcException StillHasViews =
        new(new Status(StatusCode.FailedPrecondition, "The secret still has views; a confirmation follows the last view."));

    public static readonly RpcException NoFreeId =
        new(new Status(StatusCode.Internal, "Could not allocate a secret id."));

    private static readonly RpcException Unavailable =
        new(new Status(StatusCode.Unavailable, "The secret store is unavailable; nothing was stored or read. Try again shortly."));

    private static readonly RpcException Full =
        new(new Status(StatusCode.ResourceExhausted, "The secret store is full; nothing was stored. Try again later."));

    private static readonly RpcException QuotaExceeded = new(new Status(StatusCode.ResourceExhausted,
        "This client has stored all its quota allows for now; nothing was stored. Store less, or for a shorter time, or try again later."));

    private static readonly RpcException Cancelled = new(new Status(StatusCode.Cancelled, "The call was cancelled."));

    private static readonly RpcException DeadlineExceeded = new(new Status(StatusCode.DeadlineExceeded, "The deadline passed."));

    // grpc-dotnet would say "Exception was thrown by handler." (EnableDetailedErrors is off): the same, said by us, so
    // the metric and the answer agree and the exception's text stays in the log.
    private static readonly RpcException Unexpected = new(new Status(StatusCode.Unknown, "The server failed to handle the call."));

    /// <summary>The status of a ConfirmRead that kept nothing; every miss is the same <see cref="NotFound"/>.</summary>
    public static RpcException NotConfirmed(ConfirmOutcome outcome) => outcome switch
    {
        ConfirmOutcome.AlreadyConfirmed => AlreadyConfirmed,
        ConfirmOutcome.StillHasViews => StillHasViews,
        _ => NotFound,
    };

    /// <summary>The status a failed call answers with; store errors and surprises are logged here, without ids.</summary>
    public static RpcException Translate(Exception exception, ServerCallContext context, ILogger logger)
    {
        switch (exception)
        {
            case RpcException status:
                return status;
            case StoreUnavailableException:
                SecretsLog.StoreUnavailable(logger, exception.Message);
                return Unavailable;
            case StoreFullException:
                SecretsLog.StoreFull(logger);
                return Full;
            case QuotaExceededException:
                QuotaLog.Exceeded(logger);
                return QuotaExceeded;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // Cancellation is not an error: the client left, or its grpc-timeout passed.
                return context.Deadline <= DateTime.UtcNow ? DeadlineExceeded : Cancelled;
            default:
                SecretsLog.Unexpected(logger, exception);
                return Unexpected;
        }
    }
}
