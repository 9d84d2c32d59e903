namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// The three wires one call handler speaks. They share framing and differ only in where trailers go and
/// whether the body is base64 (connect-go's <c>protocolGRPC{web bool}</c>).
/// </summary>
internal enum GrpcWireFormat
{
    /// <summary>Not a gRPC content type.</summary>
    None,

    /// <summary><c>application/grpc</c> over HTTP/2: trailers in a trailing HEADERS frame.</summary>
    Grpc,

    /// <summary><c>application/grpc-web</c> over any HTTP: trailers as a final body frame flagged 0x80.</summary>
    GrpcWeb,

    /// <summary><c>application/grpc-web-text</c>: gRPC-Web with the body base64-encoded both ways.</summary>
    GrpcWebText,
}
