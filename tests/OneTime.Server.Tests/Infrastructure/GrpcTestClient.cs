using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>
/// A raw gRPC / gRPC-Web client for functional tests: sends any headers and body, and reports the HTTP status,
/// the headers, the decoded messages and the status from HTTP/2 trailers, trailers-only headers or the 0x80
/// gRPC-Web frame. It shares no code with the server, so it checks the wire, not the implementation.
/// </summary>
/// <param name="sourceAddress">
/// The local address to call from, e.g. 127.0.0.2: Linux routes all of 127.0.0.0/8 to the loopback interface, so tests
/// can be several clients at once. Null lets the system choose.
/// </param>
public sealed class GrpcTestClient(Uri grpcUri, Uri webUri, IPAddress? sourceAddress = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = sourceAddress is null ? null : (context, cancellationToken) => ConnectFromAsync(sourceAddress, context, cancellationToken),
    });

    public GrpcTestClient(TestHost host)
        : this(host.GrpcUri, host.WebUri)
    {
    }

    /// <summary>Sends one message as a unary call at <paramref name="path"/> (<c>/package.Service/Method</c>).</summary>
    public Task<GrpcTestResponse> CallAsync(
        string path,
        IMessage request,
        GrpcTestMode mode = GrpcTestMode.Grpc,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(path, Body(GrpcTestFrames.Frame(request), mode), mode, configure, cancellationToken);

    /// <summary>Sends <paramref name="content"/> as it is; <paramref name="configure"/> may change anything (headers, version, method).</summary>
    public async Task<GrpcTestResponse> SendAsync(
        string path,
        HttpContent? content,
        GrpcTestMode mode = GrpcTestMode.Grpc,
        Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(path, content, mode);
        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Decode(response, body, mode);
    }

    /// <summary>Frames as the body of a request in <paramref name="mode"/>: base64 for gRPC-Web-Text.</summary>
    public static HttpContent Body(byte[] frames, GrpcTestMode mode) => mode == GrpcTestMode.GrpcWebText
        ? new ByteArrayContent(Encoding.ASCII.GetBytes(Convert.ToBase64String(frames)))
        : new ByteArrayContent(frames);

    public static string ContentType(GrpcTestMode mode) => mode switch
    {
        GrpcTestMode.GrpcWeb => "application/grpc-web+proto",
        GrpcTestMode.GrpcWebText => "application/grpc-web-text+proto",
        _ => "application/grpc",
    };

    public HttpRequestMessage CreateRequest(string path, HttpContent? content, GrpcTestMode mode)
    {
        var web = mode != GrpcTestMode.Grpc;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(web ? webUri : grpcUri, path))
        {
            Version = web ? HttpVersion.Version11 : HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };

        if (content is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType(mode));
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (web)
        {
            request.Headers.TryAddWithoutValidation("x-grpc-web", "1");
            // grpc-web clients ask for the response in their request's format; grpc-dotnet answers binary otherwise.
            request.Headers.TryAddWithoutValidation("accept", ContentType(mode));
        }

        return request;
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(source.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static GrpcTestResponse Decode(HttpResponseMessage response, byte[] body, GrpcTestMode mode)
    {
        var contentType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (contentType.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            body = GrpcTestFrames.DecodeBase64Chunks(Encoding.ASCII.GetString(body));
        }

        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var trailer in response.TrailingHeaders)
        {
            trailers[trailer.Key] = string.Join(",", trailer.Value);
        }

        var messages = new List<byte[]>();
        if (contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (flag, payload) in GrpcTestFrames.Parse(body))
            {
                if (mode != GrpcTestMode.Grpc && flag == GrpcTestFrames.TrailersFlag)
                {
                    trailers = GrpcTestFrames.ParseTrailers(payload);
                }
                else
                {
                    messages.Add(payload);
                }
            }
        }

        var trailersOnly = !trailers.ContainsKey("grpc-status") && response.Headers.Contains("grpc-status");
        var source = trailersOnly ? response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase) : trailers;
        var status = source.TryGetValue("grpc-status", out var statusText) ? (StatusCode?)int.Parse(statusText, System.Globalization.CultureInfo.InvariantCulture) : null;
        var rawMessage = source.GetValueOrDefault("grpc-message");
        return new GrpcTestResponse
        {
            HttpStatus = response.StatusCode,
            Headers = response.Headers,
            ContentHeaders = response.Content.Headers,
            Trailers = trailers,
            Messages = messages,
            Status = status,
            RawMessage = rawMessage,
            Message = rawMessage is null ? null : Uri.UnescapeDataString(rawMessage),
            IsTrailersOnly = trailersOnly,
        };
    }
}
