using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneTime.Server.Grpc;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Grpc;

/// <summary>One Kestrel hosting <see cref="TestSecretService"/> for every functional test of the gRPC layer.</summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 1024;
    public const string AllowedOrigin = "https://allowed.example";
    public const string FallbackBody = "next middleware";

    public TestSecretService Service { get; } = new();

    public TestHost Host { get; private set; } = null!;

    public GrpcTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            services => services.AddGrpcServer(options =>
            {
                options.MaxReceiveMessageSize = MaxReceiveMessageSize;
                options.CorsAllowedOrigins.Add(AllowedOrigin);
            }),
            app =>
            {
                app.UseGrpcServices(Service.Build());
                app.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return context.Response.WriteAsync(FallbackBody);
                });
            });
        Client = new GrpcTestClient(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
