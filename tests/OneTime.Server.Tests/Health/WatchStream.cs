using System.Buffers.Binary;
using System.Net;
using Grpc.Health.V1;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Health;

/// <summary>An open grpc.health.v1.Health/Watch call over HTTP/2, read one response frame at a time.</summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;

    private WatchStream(HttpClient http, HttpResponseMessage response, Stream body)
    {
        _http = http;
        _response = response;
        _body = body;
    }

    public static async Task<WatchStream> OpenAsync(Uri grpcUri, string service)
    {
        var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grpcUri, "/grpc.health.v1.Health/Watch"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = GrpcTestClient.Body(GrpcTestFrames.Frame(new HealthCheckRequest { Service = service }), GrpcTestMode.Grpc),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new WatchStream(http, response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads the next status the server sends: [flag:1][length:4 big-endian][HealthCheckResponse].</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var header = new byte[5];
        await _body.ReadExactlyAsync(header, cancel.Token);
        var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await _body.ReadExactlyAsync(message, cancel.Token);
        return HealthCheckResponse.Parser.ParseFrom(message).Status;
    }

    public ValueTask DisposeAsync()
    {
        _body.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
