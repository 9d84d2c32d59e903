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
        var options = useUrl ? new RedisStoreOptions { Url = text } : new RedisStoreOptions { Url = "", Configuration = text };
        var passwords = (useUrl ? UrlPassword() : ConfigurationPassword()).Matches(text)
            .Select(m => m.Groups["password"].Value)
            .SelectMany(p => new[] { p, Unescape(p) })
            .Where(p => p.Length >= MinimumPasswordLength && Occurrences(text, p) <= 1) // also the host's name, say: not a leak
            .ToList();

        var said = RedisConfiguration.TryCreate(options, out var configuration, out var error)
            ? RedisConfiguration.Describe(configuration)
            : error;
        Check(passwords.All(p => !said.Contains(p, StringComparison.Ordinal)), "no message repeats a password");
        if (useUrl && RedisEndpoint.TryParse(text, out var endpoint, out _))
        {
            Check(passwords.All(p => !endpoint.ToString().Contains(p, StringComparison.Ordinal)), "an endpoint prints no password");
        }
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
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
