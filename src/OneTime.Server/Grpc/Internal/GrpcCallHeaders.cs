using Microsoft.AspNetCore.Http;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Reads the call-level request headers of PROTOCOL-HTTP2.md: grpc-encoding and grpc-timeout.</summary>
internal static class GrpcCallHeaders
{
    /// <exception cref="RpcException">
    /// UNIMPLEMENTED for an encoding other than identity or gzip (the response advertises grpc-accept-encoding);
    /// INTERNAL for a malformed grpc-timeout, as grpc-go answers.
    /// </exception>
    public static void Read(IHeaderDictionary headers, out bool gzip, out TimeSpan? timeout)
    {
        gzip = false;
        timeout = null;

        var encoding = headers[GrpcProtocolConstants.EncodingHeader];
        if (encoding.Count > 0)
        {
            var value = encoding.ToString();
            gzip = value == GrpcProtocolConstants.GzipEncoding;
            if (!gzip && value != GrpcProtocolConstants.IdentityEncoding)
            {
                throw new RpcException(
                    StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding. Supported encodings: {GrpcProtocolConstants.AcceptEncodingValue}");
            }
        }

        var timeoutHeader = headers[GrpcProtocolConstants.TimeoutHeader];
        if (timeoutHeader.Count > 0)
        {
            if (timeoutHeader.Count > 1 || !GrpcTimeout.TryParse(timeoutHeader[0], out var parsed))
            {
                throw new RpcException(StatusCode.Internal, GrpcProtocolConstants.MalformedTimeoutMessage);
            }

            timeout = parsed;
        }
    }
}
