namespace OneTime.Client.Internal.Grpc;

/// Wire facts from grpc/doc/PROTOCOL-HTTP2.md and PROTOCOL-WEB.md.
internal static class GrpcProtocol
{
    public const string GrpcContentType = "application/grpc";
    public const string GrpcWebContentType = "application/grpc-web+proto";
    public const string GrpcWebContentTypePrefix = "application/grpc-web";

    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";

    public const int MessageDelimiterSize = 4;                  // big-endian uint32 length
    public const int HeaderSize = MessageDelimiterSize + 1;     // message length + flags byte
    public const byte CompressedFlag = 0x01;
    public const byte TrailersFlag = 0x80;                      // gRPC-Web: this frame holds the trailers, as HTTP/1 header lines

    // Our own messages are small (the server caps ciphertext at 1 MiB); anything much larger is not a OneTime server.
    public const int MaxResponseSize = 8 * 1024 * 1024;
}
