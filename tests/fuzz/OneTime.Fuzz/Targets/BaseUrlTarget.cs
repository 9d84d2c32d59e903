using System.Text;
using OneTime.Client.Internal.Links;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The base URL grammar (BaseUrlGrammar): never throws, and a base it calls canonical survives System.Uri, which the
/// client builds every link from (ParsedLink.Build), and the link around it parses.
/// </summary>
internal sealed class BaseUrlTarget : FuzzTarget
{
    private const string Fragment = "1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    public override string Name => "base-url";

    public override void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (!BaseUrlGrammar.IsCanonical(text))
        {
            return;
        }

        Check(Uri.TryCreate(text, UriKind.Absolute, out var uri), "a canonical base URL is an absolute URI");
        Check(ParsedLink.TrimBase(uri!) == text, "a canonical base URL survives System.Uri unchanged");
        Check(ParsedLink.TryParse(text + "/s#" + Fragment, out _), "a link on a canonical base URL parses");
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        Vectors.Strings(vectors.Envelope, "base_url").Concat(Vectors.Strings(vectors.Request, "base_url"))
            .Concat(["http://[2001:db8::1]:8080/a%2Fb", "https://xn--bcher-kva.example/t", "http://192.168.0.1/a/b"])
            .Select(Encoding.UTF8.GetBytes);
}
