using System.Text;
using System.Text.RegularExpressions;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The Redis settings (RedisConfiguration, RedisEndpoint): OneTime:Redis:Url when the first byte is even, else
/// OneTime:Redis:Configuration. Never throws, and neither an error nor the endpoints it describes repeat a password.
/// </summary>
internal sealed partial class RedisConfigurationTarget : FuzzTarget
{
    // Shorter passwords could appear in a message by chance ("6379" holds "63").
    private const int MinimumPasswordLength = 5;

    public override string Name => "redis-config";

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(input[1..]);
        var useUrl = input[0] % 2 == 0;
        var (said, endpoint) = Say(text, useUrl);
        foreach (Match match in (useUrl ? UrlPassword() : ConfigurationPassword()).Matches(text))
        {
            // The same input with this password spelled otherwise: a password-like text that still shows came from
            // elsewhere (the wording's "redis://", a host of the same letters, which Uri writes in lower case).
            var password = match.Groups["password"];
            var filler = password.Value.Contains('q') ? 'z' : 'q';
            var other = text[..password.Index] + new string(filler, password.Length) + text[(password.Index + password.Length)..];
            var (saidOther, endpointOther) = Say(other, useUrl);
            foreach (var p in new[] { password.Value, Unescape(password.Value) }.Where(p => p.Length >= MinimumPasswordLength))
            {
                Check(!said.Contains(p, StringComparison.Ordinal) || saidOther.Contains(p, StringComparison.Ordinal), "no message repeats a password");
                Check(!endpoint.Contains(p, StringComparison.Ordinal) || endpointOther.Contains(p, StringComparison.Ordinal), "an endpoint prints no password");
            }
        }
    }

    // What the store would say of these settings (an error, or the endpoints it logs), and the URL's endpoint printed.
    private static (string Said, string Endpoint) Say(string text, bool useUrl)
    {
        var options = useUrl ? new RedisStoreOptions { Url = text } : new RedisStoreOptions { Url = "", Configuration = text };
        var said = RedisConfiguration.TryCreate(options, out var configuration, out var error)
            ? RedisConfiguration.Describe(configuration)
            : error;
        var endpoint = useUrl && RedisEndpoint.TryParse(text, out var parsed, out _) ? parsed.ToString() : "";
        return (said, endpoint);
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        new[]
        {
            "\0redis://localhost:6379",
            "\0rediss://user:s3cret-pass@redis.example:6380/2",
            "\0redis://:p%40ssw0rd@127.0.0.1",
            "\0redis://[::1]:6379/0",
            "\u0001localhost:6379,password=s3cret-pass,ssl=true",
            "\u0001sentinel1:26379,sentinel2:26379,serviceName=mymaster,user=app,password=hunter2x",
            "\u0001host1:7000,host2:7001,connectTimeout=5000,abortConnect=false",
        }.Select(Encoding.UTF8.GetBytes);

    [GeneratedRegex(@"://[^@/?#]*?:(?<password>[^@/?#]+)@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"password\s*=\s*(?<password>[^,]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationPassword();
}
