using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Remembers that Redis refused the credentials, from the first login attempt on, until a connection is established
/// again; the store's errors and log say so meanwhile.
/// </summary>
/// <remarks>
/// StackExchange.Redis keeps only the first failure of an outage as the endpoint's last exception, and raises
/// <see cref="ConnectionMultiplexer.ConnectionFailed"/> for that one alone. When the first handshake times out (a slow
/// machine, a Redis busy loading), that is a connect timeout, and every later refusal of the password is lost: calls
/// would only hear "no connection". It does pass every failed attempt to the <see cref="ILoggerFactory"/> in its
/// configuration (<see cref="ConfigurationOptions.LoggerFactory"/>), with the exception saying why; this is that
/// factory. It keeps nothing of what the library writes (no message, no password), only whether an attempt was
/// refused as an <see cref="ConnectionFailureType.AuthenticationFailure"/>.
/// </remarks>
internal sealed class RedisLogins(string endpoints, ILogger logger) : ILoggerFactory
{
    private int _refused;

    /// <summary>True once Redis refused the credentials, until a connection is established again.</summary>
    public bool CredentialsRefused => Volatile.Read(ref _refused) == 1;

    /// <summary>Takes the library's reports of failed attempts (and nothing else) from the start of its first connect.</summary>
    public void Watch(ConfigurationOptions configuration) => configuration.LoggerFactory = this;

    /// <summary>Follows <paramref name="multiplexer"/>'s restored connections: the credentials were accepted then.</summary>
    public void Watch(IConnectionMultiplexer multiplexer) => multiplexer.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _refused, 0);

    /// <summary>Takes one failure the library reported; the first refusal of an outage is logged as a warning.</summary>
    internal void Observe(Exception? exception)
    {
        if (RedisErrors.IsAuthenticationFailure(exception) && Interlocked.Exchange(ref _refused, 1) == 0)
        {
            RedisLog.AuthenticationFailed(logger, endpoints);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Observer(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    // The library reports connection failures at Error; nothing below that is looked at.
    private sealed class Observer(RedisLogins logins) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logins.Observe(exception);
            }
        }
    }
}
