using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OneTime.Server.Metrics;

namespace OneTime.Server.Web;

/// <summary>
/// Unknown paths asked for with GET or HEAD answer 404 with the UI's <c>404.html</c> (read once at start), or a line of
/// text when the UI has none. ASP.NET Core's status code pages middleware decides when: an answer of 404 with no body
/// yet, so gRPC (always 200), the rate limiter's and the UI's own answers are left as they are.
/// </summary>
internal static class NotFoundPage
{
    private const string FileName = "404.html";
    private const string PlainText = "Not found.\n";

    public static IApplicationBuilder UseNotFoundPage(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value.RootPath;
        var file = Path.Combine(root, FileName);
        var page = File.Exists(file) ? File.ReadAllBytes(file) : null;
        // Only a GET or HEAD can get the page, so only those pass through the middleware: gRPC and gRPC-Web calls
        // (POSTs) are spared its per-request state.
        return app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method),
            pages => pages.UseStatusCodePages(status => WriteAsync(status.HttpContext, page)));
    }

    private static Task WriteAsync(HttpContext context, byte[]? page)
    {
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || ManagementEndpoint.Accepted(context))
        {
            return Task.CompletedTask;
        }

        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (page is null)
        {
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync(PlainText, context.RequestAborted);
        }

        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length;
        return response.Body.WriteAsync(page, context.RequestAborted).AsTask();
    }
}
