using System.IO.Compression;
using Grpc.AspNetCore.Server;
using Grpc.Net.Compression;
using Microsoft.Extensions.Options;
using OneTime.Server.Quota;
using OneTime.Server.Web;

namespace OneTime.Server.Secrets;

/// <summary>
/// onetime.v1.SecretService on grpc-dotnet: gRPC (HTTP/2) and gRPC-Web (binary and text, any HTTP version), with
/// grpc.reflection v1 and v1alpha beside it. Health is <c>Health/</c>'s.
/// </summary>
internal static class SecretServiceExtensions
{
    // Room in a Store request for everything besides the ciphertext: the token, the TTL and the field tags.
    private const int RequestOverheadBytes = 1024;

    public static IServiceCollection AddOneTimeGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            // A failure's details go to the log (StoreErrors), never to the client.
            grpc.EnableDetailedErrors = false;
            // Requests may be gzip-compressed; nothing else is accepted (UNIMPLEMENTED), and responses go uncompressed
            // (ResponseCompressionAlgorithm stays unset): ciphertext does not compress.
            grpc.CompressionProviders = [new GzipCompressionProvider(CompressionLevel.Fastest)];
        });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<OneTimeOptions>>((grpc, oneTime) =>
            // grpc-dotnet reads a message's length prefix first and refuses an oversize one (RESOURCE_EXHAUSTED)
            // before buffering it.
            grpc.MaxReceiveMessageSize = oneTime.Value.MaxCiphertextBytes + RequestOverheadBytes);
        services.AddGrpcReflection();
        // Stateless, so one instance serves every call; grpc-dotnet would otherwise activate one per call.
        services.AddSingleton<SecretService>();
        services.AddSingleton<SecretWriter>();
        services.AddStorageQuota();
        services.AddGrpcWebCors();
        return services;
    }

    /// <summary>Maps the services; <see cref="UseOneTimeGrpcWeb"/> must have run earlier in the pipeline.</summary>
    public static IEndpointRouteBuilder MapOneTimeGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SecretService>().RequireGrpcWebCors();
        // Reflection is a bidirectional stream: gRPC (HTTP/2) only, so no CORS for it.
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    /// <summary>gRPC-Web for every gRPC endpoint, after CORS has answered preflights.</summary>
    public static IApplicationBuilder UseOneTimeGrpcWeb(this IApplicationBuilder app) =>
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
}
