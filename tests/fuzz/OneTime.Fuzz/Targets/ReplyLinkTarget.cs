using System.Text;
using OneTime.Client.Internal.Requests;

namespace OneTime.Fuzz.Targets;

/// <summary>The reply link parser (protos/README.md "Reply"): an accepted link formats back to the same text.</summary>
internal sealed class ReplyLinkTarget : FuzzTarget
{
    public override string Name => "reply-link";

    public override void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (ReplyLink.TryParse(text, out var link))
        {
            Check(link!.Format() == text, "an accepted reply link formats to the same text");
        }
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        Vectors.Strings(vectors.Request, "reply_link").Concat(Vectors.Strings(vectors.Request.GetProperty("invalid_reply_links"), "link"))
            .Select(Encoding.UTF8.GetBytes);
}
