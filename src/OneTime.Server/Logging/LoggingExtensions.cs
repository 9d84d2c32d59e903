using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace OneTime.Server.Logging;

internal static class LoggingExtensions
{
    /// <summary>
    /// Swaps the console provider the host registered for one that escapes control characters
    /// (<see cref="EscapingConsoleLoggerProvider"/>); a host without the console logger (tests) is left alone.
    /// </summary>
    public static ILoggingBuilder EscapeConsoleMessages(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        var console = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        if (console.Count == 0) return logging;

        foreach (var descriptor in console) services.Remove(descriptor);
        services.AddSingleton<ILoggerProvider>(sp => new EscapingConsoleLoggerProvider(new ConsoleLoggerProvider(
            sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>())));
        return logging;
    }
}
