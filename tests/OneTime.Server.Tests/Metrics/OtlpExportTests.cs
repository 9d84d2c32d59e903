using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OneTime.Server.Tests.Infrastructure;
using OneTime.Server.Tests.Secrets;
using OneTime.Testing;

namespace OneTime.Server.Tests.Metrics;

/// <summary>With OneTime:Metrics:OtlpEndpoint set, the meter is pushed to that collector over OTLP/gRPC.</summary>
public sealed class OtlpExportTests
{
    private const string ExportPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    [Fact]
    public async Task OtlpEndpoint_Configured_ExportsTheMeter()
    {
        var exported = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var collector = await StartCollectorAsync(exported);
        var collectorUrl = collector.Urls.Single();
        await using var server = await OneTimeTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OneTime:Metrics:OtlpEndpoint"] = collectorUrl,
            ["OneTime:Metrics:OtlpExportInterval"] = "00:00:00.200",
        });
        using var client = new GrpcTestClient(server.GrpcUri, server.WebUri);
        await new SecretCalls(client, GrpcTestMode.Grpc).StoreNewAsync();

        var bytes = await exported.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(bytes > 0);
    }

    // A stand-in collector: any h2c POST to the OTLP metrics Export method, answered OK with an empty response.
    private static async Task<WebApplication> StartCollectorAsync(TaskCompletionSource<long> exported)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear(); // not the server's appsettings.json beside the test binaries
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost(ExportPath, async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 0 }); // flag 0, length 0: an empty response
            exported.TrySetResult(body.Length);
        });
        await app.StartAsync();
        return app;
    }
}
