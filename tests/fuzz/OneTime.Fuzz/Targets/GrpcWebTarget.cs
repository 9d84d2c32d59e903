using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using OneTime.Testing;

namespace OneTime.Fuzz.Targets;

/// <summary>
/// The gRPC-Web request path through a real Kestrel in this process (OneTimeTestServer, memory store): the first byte
/// picks the method and the framing (binary or text), the second adds grpc-encoding: gzip and a grpc-timeout, the rest is
/// the body. Every answer is HTTP 200 with a grpc-status from README.md "What the server answers", within a minute.
/// </summary>
internal sealed class GrpcWebTarget : FuzzTarget
{
    private static readonly string[] Methods = ["Store", "Retrieve", "Exists", "Burn", "ConfirmRead", "GetLimits", "Nonexistent"];
    private static readonly string[] ContentTypes = ["application/grpc-web", "application/grpc-web+proto", "application/grpc-web-text"];

    // OK, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS and FAILED_PRECONDITION (ConfirmRead's),
    // RESOURCE_EXHAUSTED, UNIMPLEMENTED, INTERNAL.
    private static readonly HashSet<string> Documented = ["0", "2", "3", "4", "5", "6", "8", "9", "12", "13"];

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<(OneTimeTestServer Server, HttpClient Client)> Host = new(Start);

    public override string Name => "grpc-web";

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var (server, client) = Host.Value;
        var method = Methods[input[0] % Methods.Length];
        var contentType = ContentTypes[input[0] / Methods.Length % ContentTypes.Length];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.WebUri, "/onetime.v1.SecretService/" + method))
        {
            Content = new ByteArrayContent(input[2..].ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Grpc-Web", "1");
        // A connection of its own: Kestrel may close one after a malformed request, and a POST on a pooled connection
        // closing under it would fail in the client, not the server, and depend on the input before.
        request.Headers.ConnectionClose = true;
        request.Headers.TryAddWithoutValidation("Accept", contentType); // text answers for text requests, as grpc-web sends
        if ((input[1] & 1) != 0) request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        if ((input[1] & 2) != 0) request.Headers.TryAddWithoutValidation("grpc-timeout", "5S");

        using var cancel = new CancellationTokenSource(Bound);
        using var response = client.SendAsync(request, cancel.Token).GetAwaiter().GetResult();
        Check(response.StatusCode == HttpStatusCode.OK, "gRPC-Web answers HTTP 200");
        var body = response.Content.ReadAsByteArrayAsync(cancel.Token).GetAwaiter().GetResult();
        var status = response.Headers.TryGetValues("grpc-status", out var values) ? values.Single()
            : TrailerStatus(response.Content.Headers.ContentType?.MediaType == "application/grpc-web-text" ? FromBase64Chunks(body) : body);
        Check(status is not null && Documented.Contains(status), "every call ends with a documented grpc-status");
    }

    // gRPC-Web frames (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md): flag byte, 32-bit big-endian
    // length, data; the trailers frame has the flag's top bit set and holds HTTP/1-style header lines.
    private static string? TrailerStatus(ReadOnlySpan<byte> body)
    {
        while (body.Length >= 5)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
            var frame = body.Slice(5, Math.Min(length, body.Length - 5));
            if ((body[0] & 0x80) != 0)
            {
                return Encoding.ASCII.GetString(frame).Split("\r\n")
                    .Select(line => line.Split(':', 2))
                    .Where(pair => pair.Length == 2 && pair[0].Trim().Equals("grpc-status", StringComparison.OrdinalIgnoreCase))
                    .Select(pair => pair[1].Trim())
                    .SingleOrDefault();
            }

            body = body[(5 + frame.Length)..];
        }

        return null;
    }

    // gRPC-Web-Text: each frame may be base64-encoded on its own, padding included, so decode four characters at a time.
    private static byte[] FromBase64Chunks(byte[] text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i + 4 <= text.Length; i += 4)
        {
            bytes.AddRange(Convert.FromBase64String(Encoding.ASCII.GetString(text, i, 4)));
        }

        return [.. bytes];
    }

    private static (OneTimeTestServer, HttpClient) Start()
    {
        var server = OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            // Every call would otherwise be logged into the test sink's memory for as long as the fuzzer runs.
            ["Logging:LogLevel:Default"] = "None",
        }).GetAwaiter().GetResult();
        return (server, new HttpClient { Timeout = Bound });
    }

    public override IEnumerable<byte[]> Seeds(Vectors vectors)
    {
        // Retrieve, Exists, Burn and ConfirmRead of the vectors' ids and tokens (unknown to this server: NOT_FOUND), a
        // Store of their smallest blob, GetLimits: binary and text.
        var id = Vectors.Strings(vectors.Envelope, "id").First();
        var token = Convert.FromHexString(Vectors.Strings(vectors.Envelope, "auth_token_hex").First());
        var blob = Convert.FromHexString(Vectors.Strings(vectors.Envelope, "blob_hex").First());
        var lookup = Message(output => { output.WriteTag(1, WireFormat.WireType.LengthDelimited); output.WriteString(id); output.WriteTag(2, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(token)); });
        // Concatenated messages merge: the lookup's id and token, then a confirmation of format 1's size.
        byte[] confirm = [.. lookup, .. Message(output => { output.WriteTag(3, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(new byte[285])); })];
        var store = Message(output => { output.WriteTag(1, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(blob)); output.WriteTag(2, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(token)); });
        foreach (var framing in new[] { 0, 2 })
        {
            var (text, flags) = (framing == 2, (byte)0);
            yield return Seed(0, framing, flags, store, text);
            yield return Seed(1, framing, flags, lookup, text);
            yield return Seed(2, framing, flags, lookup, text);
            yield return Seed(3, framing, flags, lookup, text);
            yield return Seed(4, framing, flags, confirm, text);
            yield return Seed(5, framing, flags, [], text);
        }
    }

    private static byte[] Seed(int method, int contentType, byte flags, byte[] message, bool text)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        byte[] body = text ? Encoding.ASCII.GetBytes(Convert.ToBase64String(frame)) : frame;
        return [(byte)(contentType * Methods.Length + method), flags, .. body];
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }
}
