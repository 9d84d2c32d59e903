using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Routes <c>/{package.Service}/{Method}</c> to the method table and turns protocol misuse into real HTTP answers
/// (405, 415, 426); everything that is not a gRPC request passes to the next middleware.
/// </summary>
internal sealed class GrpcMiddleware(
    RequestDelegate next,
    FrozenDictionary<string, MethodHandler> methods,
    FrozenSet<string> servicePrefixes,
    GrpcServerOptions options,
    ILogger logger,
    IGrpcCallListener? listener)
{
    private readonly GrpcCorsPolicy _cors = new(options.CorsAllowedOrigins);
    private readonly int _maxReceiveMessageSize = options.MaxReceiveMessageSize;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null)
        {
            return next(context);
        }

        if (methods.TryGetValue(path, out var handler))
        {
            return HandleMethodPathAsync(context, handler);
        }

        if (GrpcCorsPolicy.IsPreflight(request) && IsServicePath(path))
        {
            AnswerPreflight(context);
            return Task.CompletedTask;
        }

        var format = GrpcContentType.Parse(request.ContentType);
        if (format == GrpcWireFormat.None || !HttpMethods.IsPost(request.Method))
        {
            return next(context);
        }

        GrpcServerLog.UnimplementedMethod(logger, path);
        return RunCallAsync(context, format, new UnimplementedMethodHandler(path));
    }

    private Task HandleMethodPathAsync(HttpContext context, MethodHandler handler)
    {
        var request = context.Request;
        if (GrpcCorsPolicy.IsPreflight(request))
        {
            AnswerPreflight(context);
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            GrpcServerLog.MethodNotAllowed(logger, request.Method);
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
            return Task.CompletedTask;
        }

        var format = GrpcContentType.Parse(request.ContentType);
        if (format == GrpcWireFormat.None)
        {
            GrpcServerLog.UnsupportedContentType(logger, request.ContentType);
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        return RunCallAsync(context, format, handler);
    }

    private Task RunCallAsync(HttpContext context, GrpcWireFormat format, MethodHandler handler)
    {
        // PROTOCOL-HTTP2.md needs HTTP/2 trailers; gRPC-Web exists for every other HTTP version.
        var protocol = context.Request.Protocol;
        if (format == GrpcWireFormat.Grpc && (HttpProtocol.IsHttp11(protocol) || HttpProtocol.IsHttp10(protocol)))
        {
            GrpcServerLog.UnsupportedProtocol(logger, protocol);
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return Task.CompletedTask;
        }

        if (!_cors.TryWriteActual(context))
        {
            GrpcServerLog.OriginDenied(logger, context.Request.Headers.Origin.ToString());
        }

        var call = new GrpcCall(context, format, _maxReceiveMessageSize, logger, handler.Path, listener);
        return call.RunAsync(handler);
    }

    private void AnswerPreflight(HttpContext context)
    {
        if (!_cors.TryWritePreflight(context))
        {
            GrpcServerLog.OriginDenied(logger, context.Request.Headers.Origin.ToString());
        }
    }

    private bool IsServicePath(string path)
    {
        var end = path.IndexOf('/', 1);
        return end > 0 && servicePrefixes.Contains(path[..(end + 1)]);
    }
}
