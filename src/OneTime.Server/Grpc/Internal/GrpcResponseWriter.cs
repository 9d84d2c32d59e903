using System.Buffers;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Writes one call's response for its wire format. The formats differ only in where the status goes: HTTP/2
/// trailers for gRPC, a final 0x80 body frame for gRPC-Web, and that body base64-encoded for gRPC-Web-Text.
/// </summary>
internal sealed class GrpcResponseWriter(HttpResponse response, GrpcWireFormat format)
{
    private const int TrailersFrameSize = 256; // grows for a long grpc-message
    private readonly Base64ResponseEncoder? _textEncoder =
        format == GrpcWireFormat.GrpcWebText ? new Base64ResponseEncoder() : null;

    private bool _messageWritten;

    /// <summary>Headers every response to a gRPC call carries, set before anything can be written.</summary>
    public void WriteResponseHeaders()
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType.ResponseContentType(format);
        response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.AcceptEncodingValue;
    }

    /// <summary>Writes a message frame straight into the response body (not yet flushed).</summary>
    public void WriteMessage(IMessage message)
    {
        _messageWritten = true;
        if (_textEncoder is null)
        {
            FrameWriter.WriteMessage(response.BodyWriter, message);
            return;
        }

        using var frame = new PooledBufferWriter(GrpcProtocolConstants.HeaderSize + message.CalculateSize());
        FrameWriter.WriteMessage(frame, message);
        _textEncoder.Encode(frame.WrittenSpan, response.BodyWriter);
    }

    /// <summary>Sends what was written so far: the headers first, then any message frames (streaming responses).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await response.BodyWriter.FlushAsync(cancellationToken);

    /// <summary>
    /// Ends the call with a status: the one place that chooses between trailers-only (status in the HEADERS,
    /// no body, when nothing was written; PROTOCOL-HTTP2.md "Trailers-Only") and real trailers. Nothing is flushed
    /// here: Kestrel sends whatever is left (headers, the message, the trailers) together when the request ends,
    /// in one write rather than one for the body and another for the trailers.
    /// </summary>
    public void Complete(StatusCode status, string? message)
    {
        var encodedMessage = string.IsNullOrEmpty(message) ? null : PercentEncoding.Encode(message);
        if (!_messageWritten && !response.HasStarted)
        {
            response.Headers[GrpcProtocolConstants.StatusTrailer] = StatusText(status);
            if (encodedMessage is not null)
            {
                response.Headers[GrpcProtocolConstants.MessageTrailer] = encodedMessage;
            }

            return;
        }

        if (format == GrpcWireFormat.Grpc)
        {
            response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, StatusText(status));
            if (encodedMessage is not null)
            {
                response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, encodedMessage);
            }
        }
        else if (_textEncoder is null)
        {
            FrameWriter.WriteWebTrailers(response.BodyWriter, status, encodedMessage);
        }
        else
        {
            using var frame = new PooledBufferWriter(TrailersFrameSize);
            FrameWriter.WriteWebTrailers(frame, status, encodedMessage);
            _textEncoder.Encode(frame.WrittenSpan, response.BodyWriter);
            _textEncoder.Complete(response.BodyWriter);
        }
    }

    private static string StatusText(StatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);
}
