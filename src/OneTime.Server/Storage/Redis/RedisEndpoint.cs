using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Where Redis is and how to log in, parsed from <c>redis://[user[:password]@]host[:port][/db]</c> (<c>rediss://</c>
/// for TLS). Error messages and <see cref="ToString"/> never contain the password.
/// </summary>
internal sealed record RedisEndpoint(string Host, int Port, int Database, string? User, string? Password, bool UseTls)
{
    public const int DefaultPort = 6379;
    private const string PlainScheme = "redis";
    private const string TlsScheme = "rediss";

    public static RedisEndpoint Parse(string url) =>
        TryParse(url, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    public static bool TryParse(string? url, [NotNullWhen(true)] out RedisEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "The Redis URL is empty; expected redis://[user[:password]@]host[:port][/db].";
            return false;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            error = "The Redis URL is not a valid URL; expected redis://[user[:password]@]host[:port][/db] with special characters in the password percent-encoded.";
            return false;
        }

        var useTls = uri.Scheme == TlsScheme;
        if (!useTls && uri.Scheme != PlainScheme)
        {
            error = $"The Redis URL must start with redis:// or rediss://, not {uri.Scheme}://.";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "The Redis URL has no host.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = "The Redis URL must not have a query or fragment.";
            return false;
        }

        if (!TryParseDatabase(uri.AbsolutePath, out var database))
        {
            error = "The Redis URL path must be empty or a database number, as in redis://host:6379/0.";
            return false;
        }

        if (!TryParseCredentials(uri.UserInfo, out var user, out var password))
        {
            error = "The Redis URL names a user but no password; use redis://user:password@host or redis://:password@host.";
            return false;
        }

        // With ICU, Uri accepts a host it cannot turn into its ASCII (IDNA) form and throws only when asked for that form
        // (found by tests/fuzz, inputs in tests/fuzz/regressions/redis-config). The server is built with invariant
        // globalization, where it does not; a process with ICU (the test server inside an ICU test host) does.
        string host;
        try
        {
            host = uri.IdnHost;
        }
        catch (UriFormatException)
        {
            error = "The Redis URL's host is not a valid host name.";
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        endpoint = new RedisEndpoint(host, port, database, user, password, useTls);
        error = null;
        return true;
    }

    /// <summary>host:port, safe for logs and messages.</summary>
    public string Address => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    // Records print every property; this one must not print the password.
    public override string ToString() => $"{(UseTls ? TlsScheme : PlainScheme)}://{Address}/{Database}";

    private static bool TryParseDatabase(string path, out int database)
    {
        database = 0;
        var trimmed = path.TrimStart('/');
        return trimmed.Length == 0
            || (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out database) && database >= 0);
    }

    private static bool TryParseCredentials(string userInfo, out string? user, out string? password)
    {
        user = null;
        password = null;
        if (userInfo.Length == 0)
        {
            return true;
        }

        var colon = userInfo.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        var rawUser = Uri.UnescapeDataString(userInfo[..colon]);
        user = rawUser.Length == 0 ? null : rawUser;
        password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        return password.Length > 0;
    }
}
