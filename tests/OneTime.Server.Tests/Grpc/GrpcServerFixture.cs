using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OneTime.Server.Secrets;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Web;

namespace OneTime.Server.Tests.Grpc;

/// <summary>
/// One Kestrel hosting <see cref="TestSecretService"/> on grpc-dotnet, configured exactly as the server configures
/// it (<see cref="SecretServiceExtensions"/>), for every functional test of the transport.
/// </summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    public const int MaxCiphertextBytes = 1024;
    public const int MaxReceiveMessageSize = MaxCiphertextBytes + 1024; // the server's room for the other fields
    public const string AllowedOrigin = "https://allowed.example";
    public const string FallbackBody = "next middleware";

    public TestSecretService Service { get; } = new();

    public TestHost Host { get; private set; } = null!;

    public GrpcTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await StartHostAsync(Service, MaxCiphertextBytes);
        Client = new GrpcTestClient(Host);
    }

    /// <summary>A host for <paramref name="service"/> with the server's gRPC configuration and CORS for <see cref="AllowedOrigin"/>.</summary>
    public static Task<TestHost> StartHostAsync(TestSecretService service, int maxCiphertextBytes, Action<KestrelServerOptions>? kestrel = null) =>
        TestHost.StartAsync(
            services =>
            {
                services.AddRouting();
                services.Configure<OneTimeOptions>(options =>
                {
                    options.MaxCiphertextBytes = maxCiphertextBytes;
                    options.CorsAllowedOrigins.Add(AllowedOrigin);
                });
                services.AddOneTimeGrpc();
                services.AddSingleton(service);
            },
            app =>
            {
                app.UseRouting();
                app.UseCors();
                app.UseOneTimeGrpcWeb();
                app.UseEndpoints(endpoints => endpoints.MapGrpcService<TestSecretService>().RequireGrpcWebCors());
                app.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return context.Response.WriteAsync(FallbackBody);
                });
            },
            kestrel);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
