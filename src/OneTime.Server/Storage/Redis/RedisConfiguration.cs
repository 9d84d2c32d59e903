using System.Diagnostics.CodeAnalysis;
using System.Net;
using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Turns <c>OneTime:Redis</c> into StackExchange.Redis <see cref="ConfigurationOptions"/>: from
/// <c>Configuration</c> when it is set (Sentinel, Cluster, several endpoints), else from <c>Url</c>; then sets the
/// library defaults this store cannot live with, whatever the configuration string said. Errors never repeat a password.
/// </summary>
internal static class RedisConfiguration
{
    public static ConfigurationOptions Create(RedisStoreOptions options) =>
        TryCreate(options, out var configuration, out var error) ? configuration : throw new FormatException(error);

    public static bool TryCreate(
        RedisStoreOptions options, [NotNullWhen(true)] out ConfigurationOptions? configuration, [NotNullWhen(false)] out string? error)
    {
        configuration = null;
        if (!string.IsNullOrWhiteSpace(options.Configuration))
        {
            if (!TryParseConfigurationString(options.Configuration, out configuration, out error))
            {
                return false;
            }
        }
        else if (RedisEndpoint.TryParse(options.Url, out var endpoint, out var urlError))
        {
            configuration = FromEndpoint(endpoint);
        }
        else
        {
            error = $"OneTime:Redis:Url: {urlError}";
            return false;
        }

        ApplyStoreDefaults(configuration, options);
        error = null;
        return true;
    }

    // "password=", and "password =" or "Password\f=", which the library reads the same: it trims option names.
    private static bool MentionsPassword(string text) => text.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoints as host:port, comma-separated: safe for logs and messages (no password, no options).</summary>
    public static string Describe(ConfigurationOptions configuration) => string.Join(",", configuration.EndPoints.Select(Describe));

    public static string Describe(EndPoint? endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => ip.ToString(),
        null => "(none)",
        _ => endpoint.ToString() ?? "(unknown)",
    };

    private static bool TryParseConfigurationString(
        string text, [NotNullWhen(true)] out ConfigurationOptions? configuration, [NotNullWhen(false)] out string? error)
    {
        configuration = null;
        try
        {
            configuration = ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException exception)
        {
            // The library names the option at fault and its value. A password is free text, but one with a comma in it
            // splits into options of its own, which the library would then quote: with a password in the string, say
            // nothing of the library's message.
            error = MentionsPassword(text)
                ? "OneTime:Redis:Configuration is not a StackExchange.Redis configuration string; check the name and value of each option."
                : $"OneTime:Redis:Configuration is not a StackExchange.Redis configuration string: {exception.Message}";
            return false;
        }

        if (configuration.EndPoints.Count == 0)
        {
            error = "OneTime:Redis:Configuration names no endpoint; expected host:port[,host:port...][,option=value...].";
            configuration = null;
            return false;
        }

        // The library takes any text without "=" for an endpoint (",=password=x", or a URL with its password,
        // "redis://:x@host:6379"), and this store would then log it: a host must be a host name or an address, and
        // the one at fault is never quoted.
        if (configuration.EndPoints.OfType<DnsEndPoint>().Any(e => Uri.CheckHostName(e.Host) == UriHostNameType.Unknown))
        {
            error = "OneTime:Redis:Configuration has an endpoint that is not host:port; expected host:port[,host:port...][,option=value...] (a redis:// URL goes in OneTime:Redis:Url).";
            configuration = null;
            return false;
        }

        error = null;
        return true;
    }

    private static ConfigurationOptions FromEndpoint(RedisEndpoint endpoint)
    {
        var configuration = new ConfigurationOptions
        {
            User = endpoint.User,
            Password = endpoint.Password,
            DefaultDatabase = endpoint.Database,
            Ssl = endpoint.UseTls,
        };
        if (endpoint.UseTls)
        {
            configuration.SslHost = endpoint.Host;
        }

        configuration.EndPoints.Add(endpoint.Host, endpoint.Port);
        return configuration;
    }

    private static void ApplyStoreDefaults(ConfigurationOptions configuration, RedisStoreOptions options)
    {
        // Its default appends the command and the key to timeout and connection messages; a key names a secret.
        configuration.IncludeDetailInExceptions = false;

        // The default backlog queues commands while disconnected and runs them later: a caller would wait out its
        // timeout for a Redis that is down. Fail at once (UNAVAILABLE) and let the client retry.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        // Start while Redis is down and keep reconnecting in the background; /readyz reports the outage meanwhile.
        configuration.AbortOnConnectFail = false;

        // One setting for both: a synchronous call never happens here, and an async one past this is an outage.
        configuration.AsyncTimeout = ToMilliseconds(options.CommandTimeout);
        configuration.SyncTimeout = ToMilliseconds(options.CommandTimeout);
        configuration.ConnectTimeout = ToMilliseconds(options.ConnectTimeout);
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalMilliseconds), 1, int.MaxValue);
}
