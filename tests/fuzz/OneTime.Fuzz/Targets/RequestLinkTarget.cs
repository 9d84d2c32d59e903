using System.Text;
using OneTime.Client.Internal.Requests;

namespace OneTime.Fuzz.Targets;

/// <summary>The request link parser (protos/README.md "Request"): an accepted link formats back to the same text.</summary>
internal sealed class RequestLinkTarget : FuzzTarget
{
    public override string Name => "request-link";

    public override void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (RequestLink.TryParse(text, out var link))
        {
            Check(link!.Format() == text, "an accepted request link formats to the same text");
            Check(link.Note is null || RequestLink.CheckNote(link.Note) == link.Note, "an accepted note passes the sender's own check");
        }
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors) =>
        Vectors.Strings(vectors.Request, "request_link").Concat(Vectors.Strings(vectors.Request.GetProperty("invalid_request_links"), "link"))
            .Select(Encoding.UTF8.GetBytes);
}
