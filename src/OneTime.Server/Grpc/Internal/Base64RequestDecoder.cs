using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Decodes a <c>application/grpc-web-text</c> request body incrementally. PROTOCOL-WEB.md lets the client send
/// the body as several independently padded base64 chunks, so every 4-character quantum is decoded on its own
/// terms and padding may end any quantum, not just the last.
/// </summary>
internal sealed class Base64RequestDecoder
{
    private const int QuantumSize = 4;
    private const int DecodedQuantumSize = 3;
    private readonly byte[] _carry = new byte[QuantumSize];
    private int _carryLength;

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> decoded, until the source ends.</summary>
    public static async Task PumpAsync(PipeReader source, PipeWriter destination, CancellationToken cancellationToken)
    {
        var decoder = new Base64RequestDecoder();
        try
        {
            while (true)
            {
                var result = await source.ReadAsync(cancellationToken);
                if (result.IsCanceled)
                {
                    break; // the call is over before the body was
                }

                foreach (var segment in result.Buffer)
                {
                    decoder.Decode(segment.Span, destination);
                }

                source.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    decoder.Complete();
                    break;
                }

                var flush = await destination.FlushAsync(cancellationToken);
                if (flush.IsCompleted)
                {
                    break; // the reader has stopped listening (it already has its answer)
                }
            }

            await destination.CompleteAsync();
        }
        catch (Exception ex)
        {
            await destination.CompleteAsync(ex);
        }
    }

    /// <summary>Decodes every complete quantum of <paramref name="input"/>, keeping a partial one for later.</summary>
    /// <exception cref="RpcException">INTERNAL when the text is not base64.</exception>
    public void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (_carryLength > 0)
        {
            var take = Math.Min(QuantumSize - _carryLength, input.Length);
            input[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            input = input[take..];
            if (_carryLength < QuantumSize)
            {
                return;
            }

            DecodeQuanta(_carry, output);
            _carryLength = 0;
        }

        var whole = input.Length - (input.Length % QuantumSize);
        DecodeQuanta(input[..whole], output);
        input[whole..].CopyTo(_carry);
        _carryLength = input.Length - whole;
    }

    /// <summary>Checks that the body did not stop in the middle of a quantum.</summary>
    public void Complete()
    {
        if (_carryLength != 0)
        {
            throw InvalidBase64();
        }
    }

    private static void DecodeQuanta(ReadOnlySpan<byte> quanta, IBufferWriter<byte> output)
    {
        while (!quanta.IsEmpty)
        {
            // A run ends at the first quantum holding padding, so each run is valid base64 by itself.
            var padding = quanta.IndexOf((byte)'=');
            var runLength = padding < 0 ? quanta.Length : ((padding / QuantumSize) + 1) * QuantumSize;
            var run = quanta[..runLength];
            var destination = output.GetSpan(run.Length / QuantumSize * DecodedQuantumSize);
            var status = Base64.DecodeFromUtf8(run, destination, out var consumed, out var written);
            if (status != OperationStatus.Done || consumed != run.Length)
            {
                throw InvalidBase64();
            }

            output.Advance(written);
            quanta = quanta[runLength..];
        }
    }

    private static RpcException InvalidBase64() =>
        new(StatusCode.Internal, "Request body is not valid grpc-web-text base64.");
}
