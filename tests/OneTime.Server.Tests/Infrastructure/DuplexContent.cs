using System.IO.Pipelines;
using System.Net;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>
/// A request body the test writes while the response is being read (HTTP/2 duplex): each write to
/// <see cref="Writer"/> is sent and flushed at once, and completing it ends the request stream.
/// </summary>
public sealed class DuplexContent : HttpContent
{
    private readonly Pipe _pipe = new();

    public PipeWriter Writer => _pipe.Writer;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        while (true)
        {
            var result = await _pipe.Reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                await stream.WriteAsync(segment);
            }

            // SocketsHttpHandler buffers request DATA until a flush: without it the server would wait forever.
            await stream.FlushAsync();
            _pipe.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }

        await _pipe.Reader.CompleteAsync();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
