using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// One call in flight, whatever its wire format: reads the call headers (encoding, deadline), owns the request
/// body and the response writer, and maps every outcome to a status in one place (<see cref="RunAsync"/>).
/// </summary>
internal sealed class GrpcCall
{
    // CancellationTokenSource timers stop at uint.MaxValue - 1 ms (about 49 days); a longer deadline is no deadline.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _httpContext;
    private readonly GrpcWireFormat _format;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly IGrpcCallListener? _listener;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private CancellationTokenSource? _deadlineTimer;
    private CancellationTokenSource? _linkedCancellation;
    private Pipe? _decodedBody;
    private Task? _decodePump;
    private TimeSpan _timeout;
    private DateTime? _deadline;
    private bool _gzip;
    private string _reportedMethod = IGrpcCallListener.UnknownMethod;

    public GrpcCall(HttpContext httpContext, GrpcWireFormat format, int maxReceiveMessageSize, ILogger logger, string path, IGrpcCallListener? listener = null)
    {
        _listener = listener;
        _httpContext = httpContext;
        _format = format;
        _logger = logger;
        _path = path;
        MaxReceiveMessageSize = maxReceiveMessageSize;
        CancellationToken = httpContext.RequestAborted;
        RequestBody = httpContext.Request.BodyReader;
        Response = new GrpcResponseWriter(httpContext.Response, format);
    }

    public int MaxReceiveMessageSize { get; }

    /// <summary>Fires when the client goes away or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The request body as Length-Prefixed-Messages (already base64-decoded for gRPC-Web-Text).</summary>
    public PipeReader RequestBody { get; private set; }

    public GrpcResponseWriter Response { get; }

    private bool DeadlineFired => _deadlineTimer?.IsCancellationRequested == true;

    public async Task RunAsync(MethodHandler handler)
    {
        _reportedMethod = handler is UnimplementedMethodHandler ? IGrpcCallListener.UnknownMethod : _path;
        Response.WriteResponseHeaders();
        try
        {
            GrpcCallHeaders.Read(_httpContext.Request.Headers, out _gzip, out var timeout);
            if (timeout is { } value)
            {
                StartDeadline(value);
            }

            if (_format == GrpcWireFormat.GrpcWebText)
            {
                StartDecodingText();
            }

            await handler.HandleAsync(this);
            Response.Complete(StatusCode.OK, null);
            Report(StatusCode.OK);
        }
        catch (Exception ex)
        {
            Report(Fail(ex));
        }
        finally
        {
            await StopAsync();
        }
    }

    /// <summary>
    /// For calls whose requests arrive over time (bidirectional streaming): a stream may sit idle between messages,
    /// and its total size is bounded per message, not per body, so Kestrel's body rate and size limits would only cut
    /// working calls (and with the rate limit, the whole connection). grpc-dotnet lifts both the same way.
    /// </summary>
    public void AllowLongLivedRequestBody()
    {
        if (_httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (_httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
    }

    public ServerCallContext CreateContext() => new(_httpContext, _deadline, CancellationToken);

    public void ThrowIfDeadlineExceeded()
    {
        if (DeadlineFired)
        {
            throw new OperationCanceledException(CancellationToken);
        }
    }

    public TRequest ParseMessage<TRequest>(MessageParser<TRequest> parser, bool compressed, ReadOnlySequence<byte> message)
        where TRequest : IMessage<TRequest> =>
        MessageDecoder.Decode(parser, compressed, message, _gzip, MaxReceiveMessageSize);

    /// <summary>Answers with the status <paramref name="exception"/> maps to, and returns it (CANCELLED when the client left).</summary>
    private StatusCode Fail(Exception exception)
    {
        StatusCode status;
        string message;
        if (DeadlineFired)
        {
            GrpcServerLog.DeadlineExceeded(_logger, _path, _timeout);
            (status, message) = (StatusCode.DeadlineExceeded, GrpcProtocolConstants.DeadlineExceededMessage);
        }
        else if (_httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to answer, and cancellation is not an error.
            GrpcServerLog.CallCancelled(_logger, _path);
            return StatusCode.Cancelled;
        }
        else if (exception is RpcException rpc)
        {
            GrpcServerLog.RpcError(_logger, _path, rpc.StatusCode, rpc.Message);
            (status, message) = (rpc.StatusCode, rpc.Message);
        }
        else if (exception is BadHttpRequestException badRequest)
        {
            // Kestrel refused the body (e.g. past MaxRequestBodySize): the client's fault, not ours.
            status = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCode.ResourceExhausted : StatusCode.Internal;
            message = "The request body could not be read.";
            GrpcServerLog.RpcError(_logger, _path, status, badRequest.Message);
        }
        else
        {
            GrpcServerLog.HandlerError(_logger, _path, exception);
            (status, message) = (StatusCode.Internal, GrpcProtocolConstants.InternalErrorMessage);
        }

        Response.Complete(status, message);
        return status;
    }

    private void Report(StatusCode status) =>
        _listener?.CallCompleted(_reportedMethod, status, System.Diagnostics.Stopwatch.GetElapsedTime(_started));

    private void StartDeadline(TimeSpan timeout)
    {
        _timeout = timeout;
        if (timeout > MaxTimerDelay)
        {
            return;
        }

        _deadline = DateTime.UtcNow + timeout;
        _deadlineTimer = new CancellationTokenSource(timeout);
        _linkedCancellation = CancellationTokenSource.CreateLinkedTokenSource(_httpContext.RequestAborted, _deadlineTimer.Token);
        CancellationToken = _linkedCancellation.Token;
    }

    private void StartDecodingText()
    {
        // Never pause the pump below a whole frame, or a large message would wait for itself forever.
        var pauseThreshold = GrpcProtocolConstants.HeaderSize + (long)MaxReceiveMessageSize + 1;
        _decodedBody = new Pipe(new PipeOptions(pauseWriterThreshold: pauseThreshold, resumeWriterThreshold: pauseThreshold / 2, useSynchronizationContext: false));
        _decodePump = Base64RequestDecoder.PumpAsync(_httpContext.Request.BodyReader, _decodedBody.Writer, CancellationToken);
        RequestBody = _decodedBody.Reader;
    }

    private async ValueTask StopAsync()
    {
        if (_decodedBody is not null && _decodePump is not null)
        {
            await _decodedBody.Reader.CompleteAsync();
            _httpContext.Request.BodyReader.CancelPendingRead();
            await _decodePump;
        }

        _linkedCancellation?.Dispose();
        _deadlineTimer?.Dispose();
    }
}
