using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace OneTime.Server.Web;

/// <summary>
/// Serves the built web UI next to gRPC-Web: <c>/</c> the create page, <c>/s</c> the reveal page (protos/README.md,
/// "Link"), <c>/r</c> the request page ("Requests and replies"), <c>/assets/*</c> the scripts and styles, brotli or gzip from the copies the build wrote when the client
/// accepts them (<see cref="PrecompressedFiles"/>). Only GET and HEAD are answered here; everything else, gRPC-Web
/// POSTs included, passes on to the gRPC layer.
/// </summary>
public static class WebUiExtensions
{
    private const string CreatePage = "/index.html";
    private const string RevealPage = "/s.html";
    private const string RequestPage = "/r.html";
    private const string AssetsPath = "/assets";
    private const string NoStore = "no-store";
    private const string Immutable = "public, max-age=31536000, immutable"; // Vite puts a content hash in asset names

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddOptions<WebUiOptions>().BindConfiguration(WebUiOptions.SectionName);
        return services;
    }

    public static IApplicationBuilder UseWebUi(this IApplicationBuilder app)
    {
        var root = app.ApplicationServices.GetRequiredService<IOptions<WebUiOptions>>().Value.RootPath;
        if (!File.Exists(Path.Combine(root, CreatePage.TrimStart('/'))))
        {
            return app.Use((context, next) => IsPage(context, out _) ? NotBuiltAsync(context) : next(context));
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var precompressed = new PrecompressedFiles(files);
        app.Use((context, next) =>
        {
            if (IsPage(context, out var file)) context.Request.Path = file;
            return next(context);
        });
        app.Use(precompressed.RouteAsync);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = precompressed,
            OnPrepareResponse = file =>
            {
                PrecompressedFiles.PrepareResponse(file.Context);
                file.Context.Response.Headers.CacheControl =
                    file.Context.Request.Path.StartsWithSegments(AssetsPath) ? Immutable : NoStore;
            },
        });
    }

    private static bool IsPage(HttpContext context, out string file)
    {
        var request = context.Request;
        file = request.Path.Value switch
        {
            "/" => CreatePage,
            "/s" => RevealPage, // not "/s/": the page loads its assets relative to its own path
            "/r" => RequestPage,
            _ => "",
        };
        return file.Length > 0 && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
    }

    private static Task NotBuiltAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = NoStore;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("The web UI is not built: build the server with Node.js 20+ on the PATH (see README.md).\n");
    }
}
