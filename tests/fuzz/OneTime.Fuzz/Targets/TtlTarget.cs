using System.Text;
using OneTime.Cli;

namespace OneTime.Fuzz.Targets;

/// <summary>The CLI's --ttl spelling (Ttl): refused only with a usage error; an accepted TTL is positive and its
/// shortest spelling (Ttl.Format) parses back to it.</summary>
internal sealed class TtlTarget : FuzzTarget
{
    public override string Name => "ttl";

    public override void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        TimeSpan ttl;
        try
        {
            ttl = Ttl.Parse(text);
        }
        catch (UsageException)
        {
            return;
        }

        Check(ttl > TimeSpan.Zero, "an accepted TTL is positive");
        Check(Ttl.Parse(Ttl.Format(ttl)) == ttl, "an accepted TTL's shortest spelling parses back to it");
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        new[] { "30m", "1h", "7d", "100000d", "0m", "1s", "12H", "-5m" }.Select(Encoding.UTF8.GetBytes);
}
