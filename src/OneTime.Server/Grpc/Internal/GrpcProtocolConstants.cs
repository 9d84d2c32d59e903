namespace OneTime.Server.Grpc.Internal;

/// <summary>Wire facts from grpc/grpc doc/PROTOCOL-HTTP2.md and doc/PROTOCOL-WEB.md.</summary>
internal static class GrpcProtocolConstants
{
    // Length-Prefixed-Message → Compressed-Flag Message-Length Message
    public const int MessageDelimiterSize = 4; // big-endian uint32 message length
    public const int HeaderSize = MessageDelimiterSize + 1; // message length + compression flag

    public const byte UncompressedFlag = 0x00;
    public const byte CompressedFlag = 0x01;

    // PROTOCOL-WEB.md: "the MSB of the first byte of a frame is set to 1 to indicate trailers".
    public const byte WebTrailersFlag = 0x80;

    public const string GrpcContentType = "application/grpc";
    public const string GrpcWebContentType = "application/grpc-web+proto";
    public const string GrpcWebTextContentType = "application/grpc-web-text+proto";

    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    // Responses always go out uncompressed; these are what requests may use.
    public const string AcceptEncodingValue = "identity,gzip";

    public const string MalformedTimeoutMessage = "malformed grpc-timeout";
    public const string DeadlineExceededMessage = "Deadline Exceeded";
    public const string InternalErrorMessage = "Internal server error";
}
