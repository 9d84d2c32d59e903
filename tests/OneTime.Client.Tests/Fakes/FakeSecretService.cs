using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OneTime.V1;

namespace OneTime.Client.Tests.Fakes;

/// An in-memory SecretService behind an HttpMessageHandler: enough of the server to test the client's framing,
/// status handling and one-time semantics without sockets. Records every request for assertions.
internal sealed class FakeSecretService(bool web = true) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<byte[]> StoredCiphertexts { get; } = [];

    /// Replaces the next stored ciphertext, to simulate tampering at rest.
    public Func<byte[], byte[]>? Tamper { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1));
        var message = body.AsSpan(5, length).ToArray();
        var method = request.RequestUri!.AbsolutePath.Split('/')[^1];
        return method switch
        {
            "Store" => Store(StoreRequest.Parser.ParseFrom(message)),
            "Retrieve" => Retrieve(RetrieveRequest.Parser.ParseFrom(message)),
            "Exists" => Exists(ExistsRequest.Parser.ParseFrom(message)),
            _ => Error(12, "unknown method"),
        };
    }

    private HttpResponseMessage Store(StoreRequest request)
    {
        var id = Base64UrlId();
        var ciphertext = request.Ciphertext.ToByteArray();
        StoredCiphertexts.Add(ciphertext);
        _secrets[Key(id, request.AuthToken)] = Tamper?.Invoke(ciphertext) ?? ciphertext;
        return Ok(new StoreResponse { Id = id, ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + request.Ttl.ToTimeSpan()) });
    }

    private HttpResponseMessage Retrieve(RetrieveRequest request) =>
        _secrets.TryRemove(Key(request.Id, request.AuthToken), out var ciphertext)
            ? Ok(new RetrieveResponse { Ciphertext = ByteString.CopyFrom(ciphertext) })
            : Error(5, "secret not found");

    private HttpResponseMessage Exists(ExistsRequest request) =>
        Ok(_secrets.ContainsKey(Key(request.Id, request.AuthToken))
            ? new ExistsResponse { Exists = true, ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) }
            : new ExistsResponse());

    private HttpResponseMessage Ok(IMessage message)
    {
        var frame = Frame(0x00, message.ToByteArray());
        var response = Response(web ? [.. frame, .. Frame(0x80, "grpc-status: 0\r\n"u8.ToArray())] : frame);
        if (!web)
        {
            response.TrailingHeaders.Add("grpc-status", "0");
        }

        return response;
    }

    /// Trailers-only, as servers answer errors.
    public HttpResponseMessage Error(int status, string message)
    {
        var response = Response([]);
        response.Headers.Add("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("grpc-message", Uri.EscapeDataString(message));
        return response;
    }

    private HttpResponseMessage Response(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(web ? "application/grpc-web+proto" : "application/grpc");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, Version = web ? HttpVersion.Version11 : HttpVersion.Version20 };
    }

    public static byte[] Frame(byte flags, byte[] message)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static string Key(string id, ByteString token) => id + ":" + Convert.ToHexString(SHA256.HashData(token.Span));

    private static string Base64UrlId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
