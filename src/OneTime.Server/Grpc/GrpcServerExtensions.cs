using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Grpc;

/// <summary>Wires the gRPC and gRPC-Web endpoints into an ASP.NET Core application.</summary>
public static class GrpcServerExtensions
{
    private const string LoggerCategory = "OneTime.Server.Grpc";

    /// <summary>Registers <see cref="GrpcServerOptions"/>, validated at start-up.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.MaxReceiveMessageSize > 0, "MaxReceiveMessageSize must be positive.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Serves every method of <paramref name="services"/> at <c>/{package.Service}/{Method}</c> over gRPC (HTTP/2)
    /// and gRPC-Web (any HTTP version), answers CORS preflights for them, and passes other requests on.
    /// </summary>
    public static IApplicationBuilder UseGrpcServices(this IApplicationBuilder app, params GrpcServiceDefinition[] services)
    {
        var methods = new Dictionary<string, MethodHandler>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (!prefixes.Add(service.PathPrefix))
            {
                throw new ArgumentException($"Service '{service.Descriptor.FullName}' is registered twice.", nameof(services));
            }

            foreach (var method in service.Methods)
            {
                methods.Add(method.Path, method);
            }
        }

        var options = app.ApplicationServices.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var listener = app.ApplicationServices.GetService<IGrpcCallListener>();
        var frozenMethods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        var frozenPrefixes = prefixes.ToFrozenSet(StringComparer.Ordinal);
        return app.Use(next => new GrpcMiddleware(next, frozenMethods, frozenPrefixes, options, logger, listener).InvokeAsync);
    }
}
