using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

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
        // Routing's check that CORS (and authorization) middleware ran for an endpoint with such metadata needs a mark in
        // every request's Items; the pipeline's order is fixed in OneTimeServerExtensions and GrpcCorsTests prove CORS
        // answers, so the check is not needed to find a middleware missing.
        services.Configure<RouteOptions>(routes => routes.SuppressCheckForUnhandledSecurityMetadata = true);
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
    /// every request. A request without an <c>Origin</c> is no CORS request, and the middleware would only mark it in
    /// <see cref="HttpContext.Items"/> (a dictionary per call) for routing's check that it ran; gRPC callers send none,
    /// so those requests go straight on, and the check is off (<see cref="AddGrpcWebCors"/>).
    /// </summary>
    public static IApplicationBuilder UseGrpcWebCors(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var policies = services.GetRequiredService<ICorsPolicyProvider>();
        return app.Use(next =>
        {
            var cors = new CorsMiddleware(next, services.GetRequiredService<ICorsService>(), services.GetRequiredService<ILoggerFactory>());
            return context => context.Request.Headers.ContainsKey(HeaderNames.Origin) ? cors.Invoke(context, policies) : next(context);
        });
    }

    public static TBuilder RequireGrpcWebCors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireCors(PolicyName);
}
