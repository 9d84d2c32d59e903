using Microsoft.Extensions.Logging.Console;

namespace OneTime.Server.Logging;

/// <summary>
/// The console logger, with every message passed through <see cref="LogEscaping"/> before a formatter writes it. It
/// keeps the console's alias, so <c>Logging:Console</c> settings (levels, formatter) apply as before.
/// </summary>
[ProviderAlias("Console")]
internal sealed class EscapingConsoleLoggerProvider(ConsoleLoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new EscapingLogger(console.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => console.SetScopeProvider(scopeProvider);

    public void Dispose() => console.Dispose();
}
