using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using OneTime.LoadTest.Http2;

namespace OneTime.LoadTest;

/// <summary>
/// Unary calls, the two wire formats differing only where the wire does: gRPC goes over HTTP/2 with prior knowledge
/// on a few connections of the generator's own lean client (<see cref="Http2Connection"/>, many streams each) and
/// reads the status from the response HEADERS or trailers; gRPC-Web goes over a pool of HttpClient's HTTP/1.1
/// connections and reads it from the 0x80 body frame (PROTOCOL-WEB.md). Either may answer trailers-only, with the
/// status in the headers.
/// </summary>
internal sealed class GrpcInvoker : IDisposable
{
    private const string ServicePath = "/onetime.v1.SecretService/";
    private const int HeaderSize = 5; // compression flag + big-endian uint32 length
    private const byte TrailersFlag = 0x80;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue GrpcWebContentType = new("application/grpc-web+proto");

    private readonly HttpClient? _client;
    private readonly Http2Connection[] _connections;
    private readonly ConcurrentDictionary<string, byte[]> _headerBlocks = new();
    private readonly Uri _target;
    private readonly bool _web;

    public GrpcInvoker(Uri target, Protocol protocol, int connections, int concurrency)
    {
        _target = target;
        _web = protocol == Protocol.GrpcWeb;
        if (_web)
        {
            _client = CreateClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
            _connections = [];
        }
        else
        {
            EndPoint endPoint = IPAddress.TryParse(target.IdnHost, out var address)
                ? new IPEndPoint(address, target.Port)
                : new DnsEndPoint(target.IdnHost, target.Port);
            _connections = Enumerable.Range(0, Math.Min(connections, concurrency))
                .Select(_ => new Http2Connection(endPoint, CallTimeout))
                .ToArray();
        }
    }

    private static HttpClient CreateClient(SocketsHttpHandler handler)
    {
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { Timeout = CallTimeout };
    }

    public Task<CallOutcome<TResponse>> CallAsync<TResponse>(
        int worker, string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
        => _web
            ? CallWebAsync(method, request, parser, cancellationToken)
            : CallGrpcAsync(worker, method, request, parser, cancellationToken);

    private async Task<CallOutcome<TResponse>> CallGrpcAsync<TResponse>(
        int worker, string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        var headerBlock = _headerBlocks.TryGetValue(method, out var block)
            ? block
            : _headerBlocks.GetOrAdd(method, m => RequestHeaders.Encode(_target.Authority, ServicePath + m));
        var response = await _connections[worker % _connections.Length]
            .SendAsync(headerBlock, Frame(request), cancellationToken).ConfigureAwait(false);
        if (response.Error is not null) return CallOutcome<TResponse>.Failed($"{method}: {response.Error}");
        if (response.HttpStatus != (int)HttpStatusCode.OK)
        {
            return CallOutcome<TResponse>.Failed($"{method}: HTTP {response.HttpStatus}");
        }

        return Decode(method, response.BodySpan, response.GrpcStatus, parser);
    }

    private async Task<CallOutcome<TResponse>> CallWebAsync<TResponse>(
        string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        using var httpRequest = CreateWebRequest(method, request);
        try
        {
            using var response = await _client!
                .SendAsync(httpRequest, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return CallOutcome<TResponse>.Failed($"{method}: HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Decode(method, body, HeaderStatus(response.Headers), parser);
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

    private HttpRequestMessage CreateWebRequest(string method, IMessage message)
    {
        var content = new ByteArrayContent(Frame(message));
        content.Headers.ContentType = GrpcWebContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_target, ServicePath + method))
        {
            Content = content,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("x-grpc-web", "1");
        return request;
    }

    /// <summary>
    /// The body's Length-Prefixed-Messages: one message, and for gRPC-Web the trailers frame whose grpc-status
    /// overrides <paramref name="status"/> (the one from the response headers or, for gRPC, its trailers).
    /// </summary>
    private CallOutcome<TResponse> Decode<TResponse>(
        string method, ReadOnlySpan<byte> body, int? status, MessageParser<TResponse> parser)
        where TResponse : class, IMessage<TResponse>
    {
        var rest = body;
        TResponse? message = null;
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
        _client?.Dispose();
        foreach (var connection in _connections) connection.Dispose();
    }
}
