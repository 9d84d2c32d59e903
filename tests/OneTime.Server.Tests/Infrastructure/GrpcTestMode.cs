namespace OneTime.Server.Tests.Infrastructure;

/// <summary>How <see cref="GrpcTestClient"/> sends a call.</summary>
public enum GrpcTestMode
{
    /// <summary><c>application/grpc</c> over HTTP/2 (prior knowledge, h2c).</summary>
    Grpc,

    /// <summary><c>application/grpc-web+proto</c> over HTTP/1.1.</summary>
    GrpcWeb,

    /// <summary><c>application/grpc-web-text+proto</c> over HTTP/1.1: base64 both ways.</summary>
    GrpcWebText,
}
