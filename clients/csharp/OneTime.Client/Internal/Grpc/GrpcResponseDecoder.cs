using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace OneTime.Client.Internal.Grpc;

/// Turns a complete HTTP response into the one response message or the exception its status calls for.
internal static class GrpcResponseDecoder
{
    public static TResponse Decode<TResponse>(HttpResponseMessage response, ReadOnlySpan<byte> body, MessageParser<TResponse> parser, bool web)
        where TResponse : IMessage<TResponse>
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusMapping.FromHttpStatus(response.StatusCode), "HTTP " + (int)response.StatusCode);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
        var expected = web ? GrpcProtocol.GrpcWebContentTypePrefix : GrpcProtocol.GrpcContentType;
        if (!contentType.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Unknown, "not a gRPC response: " + contentType);
        }

        // Trailers-only: an error (or an empty OK) sent as a single HEADERS frame with the status in it.
        if (TryGetStatus(response.Headers, out var headerStatus, out var headerMessage))
        {
            ThrowIfError(headerStatus, headerMessage);
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, "no response message");
        }

        scoped ReadOnlySpan<byte> message = default;
        var messages = 0;
        Dictionary<string, string>? webTrailers = null;
        var rest = body;
        while (GrpcFrame.TryRead(ref rest, out var flags, out var frame))
        {
            if (web && (flags & GrpcProtocol.TrailersFlag) != 0)
            {
                webTrailers = GrpcWebTrailers.Parse(frame);
            }
            else if ((flags & GrpcProtocol.CompressedFlag) != 0)
            {
                throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, "compressed message without grpc-encoding");
            }
            else
            {
                message = frame;
                messages++;
            }
        }

        if (!rest.IsEmpty)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, "truncated response frame");
        }

        GrpcStatusCode status;
        string? statusMessage;
        var found = web
            ? TryGetStatus(webTrailers, out status, out statusMessage)
            : TryGetStatus(response.TrailingHeaders, out status, out statusMessage);
        if (!found)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, "response without grpc-status");
        }

        ThrowIfError(status, statusMessage);
        if (messages != 1)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, $"expected one response message, got {messages}");
        }

        try
        {
            return parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException)
        {
            throw GrpcStatusMapping.ToException(GrpcStatusCode.Internal, "malformed response message");
        }
    }

    private static void ThrowIfError(GrpcStatusCode status, string? message)
    {
        if (status != GrpcStatusCode.OK)
        {
            throw GrpcStatusMapping.ToException(status, message);
        }
    }

    private static bool TryGetStatus(HttpHeaders headers, out GrpcStatusCode status, out string? message)
    {
        status = GrpcStatusCode.Unknown;
        message = null;
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return false;
        }

        status = ParseStatus(values.FirstOrDefault());
        message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? Unescape(messages.FirstOrDefault()) : null;
        return true;
    }

    private static bool TryGetStatus(Dictionary<string, string>? trailers, out GrpcStatusCode status, out string? message)
    {
        status = GrpcStatusCode.Unknown;
        message = null;
        if (trailers is null || !trailers.TryGetValue(GrpcProtocol.StatusHeader, out var value))
        {
            return false;
        }

        status = ParseStatus(value);
        message = trailers.TryGetValue(GrpcProtocol.MessageHeader, out var text) ? Unescape(text) : null;
        return true;
    }

    private static GrpcStatusCode ParseStatus(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 16
            ? (GrpcStatusCode)code
            : GrpcStatusCode.Unknown;

    // grpc-message is percent-encoded UTF-8 (PROTOCOL-HTTP2.md, "Status-Message").
    private static string? Unescape(string? value) => value is null ? null : Uri.UnescapeDataString(value);
}
