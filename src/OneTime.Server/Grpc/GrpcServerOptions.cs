namespace OneTime.Server.Grpc;

/// <summary>Limits and CORS policy of the gRPC and gRPC-Web endpoints.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The default receive limit, the same 4 MiB every gRPC implementation uses.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The largest request message accepted, after decompression; larger ones end in RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Origins allowed to call over gRPC-Web from a browser. Empty: none; <c>*</c>: any.</summary>
    public IList<string> CorsAllowedOrigins { get; } = new List<string>();
}
