using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OneTime.Server.Metrics;

namespace OneTime.Server.RateLimiting;

internal static class RateLimitingExtensions
{
    private const string RetryPushbackHeader = "grpc-retry-pushback-ms"; // gRFC A6: how long a client should wait

    public static IServiceCollection AddOneTimeRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.Create.PermitLimit > 0 && o.Read.PermitLimit > 0, "OneTime:RateLimits budgets need a PermitLimit above zero.")
            .Validate(o => o.Create.Window > TimeSpan.Zero && o.Read.Window > TimeSpan.Zero, "OneTime:RateLimits budgets need a positive Window, such as 00:01:00.")
            .Validate(o => o.Ipv4PrefixLength is >= 1 and <= 32, "OneTime:RateLimits:Ipv4PrefixLength must be between 1 and 32.")
            .Validate(o => o.Ipv6PrefixLength is >= 1 and <= 128, "OneTime:RateLimits:Ipv6PrefixLength must be between 1 and 128.")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "OneTime:RateLimits:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "OneTime:RateLimits:KnownNetworks must be CIDR networks, such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, ILoggerFactory, OneTimeMetrics>((limiter, options, loggers, metrics) =>
        {
            var logger = loggers.CreateLogger(typeof(RateLimitPolicy).FullName!);
            limiter.GlobalLimiter = RateLimitPolicy.Create(options.Value);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => Reject(rejected, logger, metrics);
        });
        return services;
    }

    /// <summary>Forwarded headers (only from configured proxies), then the limiter; a no-op when disabled.</summary>
    public static IApplicationBuilder UseOneTimeRateLimiting(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownNetworks.Count > 0)
        {
            // With empty lists ForwardedHeadersMiddleware would believe anyone, so it only runs when proxies are named.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in options.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            app.UseForwardedHeaders(forwarded);
        }

        return options.Enabled ? app.UseRateLimiter() : app;
    }

    private static ValueTask Reject(OnRejectedContext rejected, ILogger logger, OneTimeMetrics metrics)
    {
        var context = rejected.HttpContext;
        var budget = RateLimitPolicy.BudgetFor(context.Request.Path) ?? "unknown";
        RateLimitLog.Rejected(logger, budget);
        metrics.RateLimited();
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var message = $"Rate limit exceeded: too many {(budget == RateLimitPolicy.CreateBudget ? "secrets created" : "reads")} from this address; retry in {seconds} s.";

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[RetryPushbackHeader] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        if (!GrpcRejection.TryWrite(context, StatusCode.ResourceExhausted, message))
        {
            return new ValueTask(context.Response.WriteAsync(message + "\n", context.RequestAborted));
        }

        return ValueTask.CompletedTask;
    }
}
