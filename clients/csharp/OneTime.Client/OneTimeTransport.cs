namespace OneTime.Client;

/// <summary>How <see cref="OneTimeClient"/> talks to the service.</summary>
public enum OneTimeTransport
{
    /// <summary>
    /// gRPC-Web (<c>application/grpc-web+proto</c>) over HTTP/1.1 or later, to the links' base URL: the server's
    /// <c>Web</c> endpoint, through any HTTP/1.1 proxy. The default.
    /// </summary>
    GrpcWeb,

    /// <summary>Native gRPC over HTTP/2: TLS, or cleartext with prior knowledge (h2c), e.g. the server's <c>Grpc</c> endpoint.</summary>
    Grpc,
}
