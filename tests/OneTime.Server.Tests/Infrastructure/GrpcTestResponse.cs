using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>What came back from a raw call: the HTTP answer, the decoded messages and the gRPC status.</summary>
public sealed class GrpcTestResponse
{
    public required HttpStatusCode HttpStatus { get; init; }

    public required HttpResponseHeaders Headers { get; init; }

    public required HttpContentHeaders ContentHeaders { get; init; }

    /// <summary>The HTTP/2 trailers (gRPC), or the parsed 0x80 trailers frame (gRPC-Web); empty when trailers-only.</summary>
    public required IReadOnlyDictionary<string, string> Trailers { get; init; }

    /// <summary>Message payloads in order, without their 5-byte prefix.</summary>
    public required IReadOnlyList<byte[]> Messages { get; init; }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response; null when absent.</summary>
    public StatusCode? Status { get; init; }

    /// <summary>grpc-message, percent-decoded; null when absent.</summary>
    public string? Message { get; init; }

    /// <summary>grpc-message exactly as sent.</summary>
    public string? RawMessage { get; init; }

    /// <summary>True when the status came in the response headers (no body, no trailers).</summary>
    public bool IsTrailersOnly { get; init; }

    public string? ContentType => ContentHeaders.ContentType?.ToString();

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders.TryGetValues(name, out values) ? string.Join(",", values)
        : null;

    public T Single<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        Assert.Single(Messages);
        return parser.ParseFrom(Messages[0]);
    }
}
