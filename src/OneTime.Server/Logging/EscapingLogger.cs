namespace OneTime.Server.Logging;

/// <summary>Hands the inner logger a formatter that escapes what the original one renders.</summary>
internal sealed class EscapingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    // The state goes through as it is, so the JSON formatter still writes its values (which it escapes as JSON).
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, (s, e) => LogEscaping.Escape(formatter(s, e)));
}
