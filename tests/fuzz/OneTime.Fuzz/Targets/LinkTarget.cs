using System.Text;
using OneTime.Client.Internal.Links;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The link parser (ParsedLink, protos/README.md "Link"): a link it accepts is rebuilt, as the client writes links
/// (SecretLink.ToString), to exactly the same text.
/// </summary>
internal sealed class LinkTarget : FuzzTarget
{
    public override string Name => "link";

    public override void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (!ParsedLink.TryParse(text, out var link))
        {
            return;
        }

        Check(ParsedLink.Build(link!.BaseAddress, link.Fragment).OriginalString == text, "an accepted link is rebuilt to the same text");
        Check(LinkFragment.TryParse(link.Fragment.Format(), out var again) && again!.Id == link.Fragment.Id
            && again.Key.AsSpan().SequenceEqual(link.Fragment.Key) && again.PassphraseRequired == link.Fragment.PassphraseRequired,
            "a fragment formats to text that parses back to it");
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        Vectors.Strings(vectors.Envelope, "link").Select(Encoding.UTF8.GetBytes);
}
