using System.Text;

namespace OneTime.Client.Internal.Grpc;

/// The gRPC-Web trailer frame's body: HTTP/1 header lines, "name: value\r\n", names lower-cased (PROTOCOL-WEB.md).
internal static class GrpcWebTrailers
{
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> block)
    {
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Encoding.ASCII.GetString(block).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            var colon = trimmed.IndexOf(':');
            if (colon > 0)
            {
                trailers[trimmed[..colon].Trim()] = trimmed[(colon + 1)..].Trim();
            }
        }

        return trailers;
    }
}
