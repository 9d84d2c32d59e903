using System.Buffers;
using System.IO.Compression;

namespace OneTime.Server.Grpc.Internal;

/// <summary>Inflates a gzip-compressed message (<c>grpc-encoding: gzip</c>) into a pooled buffer, bounded by the receive limit.</summary>
internal static class GzipDecompressor
{
    private const int InitialSize = 4096;

    /// <summary>Returns a rented buffer the caller gives back to <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED past <paramref name="maxMessageSize"/>; INTERNAL for bad gzip.</exception>
    public static byte[] Decompress(ReadOnlySequence<byte> compressed, int maxMessageSize, out int length)
    {
        var input = ArrayPool<byte>.Shared.Rent((int)compressed.Length);
        var output = ArrayPool<byte>.Shared.Rent(Math.Min(InitialSize, maxMessageSize + 1));
        length = 0;
        try
        {
            compressed.CopyTo(input);
            using var gzip = new GZipStream(new MemoryStream(input, 0, (int)compressed.Length), CompressionMode.Decompress);
            while (true)
            {
                // Never read more than one byte past the limit: that byte is enough to know the message is too large.
                var capacity = (int)Math.Min(output.Length, maxMessageSize + 1L);
                if (length == capacity)
                {
                    if (length > maxMessageSize)
                    {
                        throw new RpcException(
                            StatusCode.ResourceExhausted,
                            $"Received message after decompression larger than max ({maxMessageSize})");
                    }

                    output = Grow(output, length, Math.Min((long)output.Length * 2, maxMessageSize + 1L));
                    continue;
                }

                var read = gzip.Read(output, length, capacity - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return output;
        }
        catch (InvalidDataException)
        {
            ArrayPool<byte>.Shared.Return(output);
            throw new RpcException(StatusCode.Internal, "Failed to decompress request message.");
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(output);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, long size)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)size);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
