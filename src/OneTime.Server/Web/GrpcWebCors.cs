using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace OneTime.Server.Web;

/// <summary>
/// CORS for browser gRPC-Web clients on other origins (<c>OneTime:CorsAllowedOrigins</c>, <c>*</c> for any), through
/// ASP.NET Core's CORS middleware. Only gRPC endpoints carry the policy; the gRPC status headers are exposed so a
/// page can read them (the Fetch standard hides other response headers).
/// </summary>
internal static class GrpcWebCors
{
    public const string PolicyName = "grpc-web";

    private const string AnyOrigin = "*";

    private static readonly string[] AllowedHeaders =
        ["content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding"];

    private static readonly string[] ExposedHeaders =
        ["grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-encoding", "grpc-accept-encoding", "grpc-retry-pushback-ms", "retry-after"];

    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromHours(2);

    public static IServiceCollection AddGrpcWebCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<OneTimeOptions>>((cors, oneTime) =>
            cors.AddPolicy(PolicyName, policy =>
            {
                var origins = oneTime.Value.CorsAllowedOrigins;
                if (origins.Contains(AnyOrigin)) policy.AllowAnyOrigin();
                else policy.WithOrigins([.. origins]);
                policy.WithMethods(HttpMethods.Post)
                    .WithHeaders(AllowedHeaders)
                    .WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(PreflightMaxAge);
            }));
        return services;
    }

    /// <summary>
    /// ASP.NET Core's <see cref="CorsMiddleware"/>, called directly. <c>UseCors()</c> adds it by convention, and its
    /// <c>Invoke</c> takes a service besides the <see cref="HttpContext"/>: as Native AOT, that convention can only call
    /// it through reflection, resolving the service from a request scope made for it, on every request (a sixth of the
    /// server's time under load, tests/PERFORMANCE.md). The policy provider is stateless (options only), so one serves
    /// every request.
    /// </summary>
    public static IApplicationBuilder UseGrpcWebCors(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var policies = services.GetRequiredService<ICorsPolicyProvider>();
        return app.Use(next =>
        {
            var cors = new CorsMiddleware(next, services.GetRequiredService<ICorsService>(), services.GetRequiredService<ILoggerFactory>());
            return context => cors.Invoke(context, policies);
        });
    }

    public static TBuilder RequireGrpcWebCors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireCors(PolicyName);
}
