using OneTime.Client;

namespace OneTime.Cli;

/// The one place where a failure becomes an exit code and a single line on stderr. No stack traces, and never
/// the link, key or secret: the messages come from this tool and the client library, which keep them out.
internal static class ErrorReporter
{
    private const string TlsHint = " For a server with a private CA, pass that CA's certificate with --ca FILE (PEM).";

    public static int Report(Exception exception, TextWriter stderr)
    {
        var (code, message) = Describe(exception);
        stderr.WriteLine("onetime: " + message);
        return code;
    }

    private static (int Code, string Message) Describe(Exception exception) =>
        exception switch
        {
            // The exit code of what stopped it (unreachable, store full...), with the whole story in the message.
            RecipientsNotSentException { InnerException: { } cause } => (Describe(cause).Code, exception.Message),
            ArgumentException argument => (ExitCodes.Usage, WithoutParameterName(argument)),
            UsageException or InvalidLinkException => (ExitCodes.Usage, exception.Message),
            SecretNotFoundException => (ExitCodes.NotFound, exception.Message),
            RequestKeyNotFoundException => (ExitCodes.KeyNotHere, exception.Message),
            ServiceUnavailableException => (ExitCodes.Unreachable, exception.Message),
            RateLimitedException or StoreFullException => (ExitCodes.TryLater, exception.Message),
            SecureConnectionException => (ExitCodes.Failure, exception.Message + TlsHint),
            OneTimeException => (ExitCodes.Failure, exception.Message),
            OperationCanceledException => (ExitCodes.Failure, "Cancelled."),
            IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
            PlatformNotSupportedException => (ExitCodes.Failure, exception.Message),
            _ => (ExitCodes.Failure, "Unexpected error (" + exception.GetType().Name + ")."),
        };

    // The library's range errors are written for people ("The TTL must be between 1 minute and 30 days on this
    // service."); the "(Parameter 'options')" that ArgumentException appends is for programmers.
    private static string WithoutParameterName(ArgumentException exception) =>
        exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message;
}
