using System.Net;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>A request body sent as separate writes, each flushed (one HTTP/2 DATA frame or HTTP/1.1 chunk each).</summary>
public sealed class ChunkedContent(IEnumerable<byte[]> chunks, TimeSpan? pause = null) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        foreach (var chunk in chunks)
        {
            await stream.WriteAsync(chunk);
            await stream.FlushAsync();
            if (pause is { } delay)
            {
                await Task.Delay(delay);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
