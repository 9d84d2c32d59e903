using System.Buffers;
using System.Buffers.Text;

namespace OneTime.Server.Grpc.Internal;

/// <summary>
/// Base64-encodes a <c>application/grpc-web-text</c> response body as it is written. Bytes that do not fill a
/// 3-byte group wait for the next write, so the body is one base64 text padded only at its end.
/// </summary>
internal sealed class Base64ResponseEncoder
{
    private const int GroupSize = 3;
    private const int EncodedGroupSize = 4;
    private readonly byte[] _carry = new byte[GroupSize];
    private int _carryLength;

    public void Encode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (_carryLength > 0)
        {
            var take = Math.Min(GroupSize - _carryLength, input.Length);
            input[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            input = input[take..];
            if (_carryLength < GroupSize)
            {
                return;
            }

            EncodeFinal(_carry, output);
            _carryLength = 0;
        }

        var whole = input.Length - (input.Length % GroupSize);
        EncodeFinal(input[..whole], output);
        input[whole..].CopyTo(_carry);
        _carryLength = input.Length - whole;
    }

    /// <summary>Writes what is left, padded.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        EncodeFinal(_carry.AsSpan(0, _carryLength), output);
        _carryLength = 0;
    }

    private static void EncodeFinal(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var destination = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        Base64.EncodeToUtf8(bytes, destination, out _, out var written);
        output.Advance(written);
    }
}
