using OneTime.Client;

namespace OneTime.Cli;

/// One short-lived client per invocation. A connect timeout well under the call deadline makes "server down"
/// answer fast (exit 4) instead of waiting out the full deadline.
internal static class ClientFactory
{
    public static OneTimeClient Create(Uri? baseAddress = null)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var options = new OneTimeClientOptions { BaseAddress = baseAddress };
        return new OneTimeClient(new HttpClient(handler, disposeHandler: true), options);
    }
}
