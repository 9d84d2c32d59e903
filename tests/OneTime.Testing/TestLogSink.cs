using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OneTime.Testing;

/// <summary>One log entry as written, with its rendered message.</summary>
public sealed record TestLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>A logger provider that keeps every entry in memory.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<TestLogEntry> _entries = new();

    public IReadOnlyCollection<TestLogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class SinkLogger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue(new TestLogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
