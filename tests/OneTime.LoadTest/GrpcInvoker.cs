using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;

namespace OneTime.LoadTest;

/// <summary>
/// Unary calls over HttpClient, the two wire formats differing only where the wire does: gRPC goes over HTTP/2
/// with prior knowledge on a few connections (one handler each, so one connection each, many streams on it) and
/// reads the status from the trailing HEADERS; gRPC-Web goes over a pool of HTTP/1.1 connections and reads it from
/// the 0x80 body frame (PROTOCOL-WEB.md). Either may answer trailers-only, with the status in the headers.
/// </summary>
internal sealed class GrpcInvoker : IDisposable
{
    private const string ServicePath = "/onetime.v1.SecretService/";
    private const int HeaderSize = 5; // compression flag + big-endian uint32 length
    private const byte TrailersFlag = 0x80;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private static readonly MediaTypeHeaderValue GrpcWebContentType = new("application/grpc-web+proto");

    private readonly HttpClient[] _clients;
    private readonly Uri _target;
    private readonly bool _web;

    public GrpcInvoker(Uri target, Protocol protocol, int connections, int concurrency)
    {
        _target = target;
        _web = protocol == Protocol.GrpcWeb;
        _clients = _web
            ? [CreateClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })]
            : Enumerable.Range(0, Math.Min(connections, concurrency))
                .Select(_ => CreateClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }))
                .ToArray();
    }

    private static HttpClient CreateClient(SocketsHttpHandler handler)
    {
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { Timeout = CallTimeout };
    }

    public async Task<CallOutcome<TResponse>> CallAsync<TResponse>(
        int worker, string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        using var httpRequest = CreateRequest(method, request);
        try
        {
            using var response = await _clients[worker % _clients.Length]
                .SendAsync(httpRequest, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return CallOutcome<TResponse>.Failed($"{method}: HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Decode(method, response, body, parser);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return CallOutcome<TResponse>.Failed($"{method}: {e.GetType().Name}");
        }
    }

    /// <summary>A Length-Prefixed-Message (PROTOCOL-HTTP2.md): flag, big-endian length, message.</summary>
    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[HeaderSize + size];
        frame[0] = 0x00; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    private HttpRequestMessage CreateRequest(string method, IMessage message)
    {
        var content = new ByteArrayContent(Frame(message));
        content.Headers.ContentType = _web ? GrpcWebContentType : GrpcContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_target, ServicePath + method)) { Content = content };
        if (_web)
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.TryAddWithoutValidation("x-grpc-web", "1");
        }
        else
        {
            // Cleartext HTTP/2 with prior knowledge: RequestVersionExact on http:// skips the upgrade dance.
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.TryAddWithoutValidation("te", "trailers");
        }

        return request;
    }

    private CallOutcome<TResponse> Decode<TResponse>(
        string method, HttpResponseMessage response, byte[] body, MessageParser<TResponse> parser)
        where TResponse : class, IMessage<TResponse>
    {
        ReadOnlySpan<byte> rest = body;
        TResponse? message = null;
        int? status = HeaderStatus(response.Headers);
        while (rest.Length >= HeaderSize)
        {
            var flag = rest[0];
            var length = BinaryPrimitives.ReadUInt32BigEndian(rest[1..]);
            if (length > rest.Length - HeaderSize)
            {
                return CallOutcome<TResponse>.Failed($"{method}: truncated frame");
            }

            var payload = rest.Slice(HeaderSize, (int)length);
            if (flag == TrailersFlag && _web)
            {
                status = TrailerBlockStatus(payload);
            }
            else if (flag == 0x00 && message is null)
            {
                message = parser.ParseFrom(payload);
            }
            else
            {
                return CallOutcome<TResponse>.Failed($"{method}: unexpected frame 0x{flag:x2}");
            }

            rest = rest[(HeaderSize + (int)length)..];
        }

        if (!rest.IsEmpty) return CallOutcome<TResponse>.Failed($"{method}: truncated frame");
        if (!_web) status ??= HeaderStatus(response.TrailingHeaders);
        return status switch
        {
            null => CallOutcome<TResponse>.Failed($"{method}: no grpc-status"),
            0 when message is null => CallOutcome<TResponse>.Failed($"{method}: OK without a message"),
            0 => CallOutcome<TResponse>.Ok(message!),
            var code => CallOutcome<TResponse>.Failed($"{method}: {GrpcStatus.Describe(code.Value)}"),
        };
    }

    private static int? HeaderStatus(HttpHeaders headers) =>
        headers.NonValidated.TryGetValues("grpc-status", out var values)
            && int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    // The trailers frame holds an HTTP/1 header block: "grpc-status:0\r\ngrpc-message:...\r\n".
    private static int? TrailerBlockStatus(ReadOnlySpan<byte> block)
    {
        foreach (var line in Encoding.ASCII.GetString(block).Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("grpc-status", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
    }
}
