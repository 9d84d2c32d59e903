namespace OneTime.LoadTest.Http2;

/// <summary>
/// The outcome of one request: the HTTP status, the grpc-status and grpc-message from the response HEADERS or
/// trailers (null when absent), the body (all DATA, concatenated), or an error below HTTP when the stream failed.
/// </summary>
internal readonly record struct Http2Response(
    int HttpStatus, int? GrpcStatus, string? GrpcMessage, byte[] Body, int BodyLength, string? Error)
{
    public ReadOnlySpan<byte> BodySpan => Body.AsSpan(0, BodyLength);

    public static Http2Response Failed(string error) => new(0, null, null, [], 0, error);
}
