using System.Buffers.Binary;
using System.Numerics;

namespace OneTime.Client.Internal.Envelope;

/// Pads the serialized Payload to a size bucket so the ciphertext length reveals only the bucket:
/// padded = uint32 big-endian length || payload || zero bytes.
internal static class Padding
{
    public const int LengthPrefixSize = 4;
    public const int MinimumBucket = 256;
    public const int LargeBucketStep = 64 * 1024;

    /// Powers of two from 256 bytes to 64 KiB, then multiples of 64 KiB, so large files do not double in size
    /// (a 600 KB file must still fit the server's 1 MiB limit).
    public static int BucketSize(int payloadLength)
    {
        var needed = checked(payloadLength + LengthPrefixSize);
        if (needed <= LargeBucketStep)
        {
            return Math.Max(MinimumBucket, (int)BitOperations.RoundUpToPowerOf2((uint)needed));
        }

        return checked((needed + LargeBucketStep - 1) / LargeBucketStep * LargeBucketStep);
    }

    public static byte[] Pad(ReadOnlySpan<byte> payload)
    {
        var padded = new byte[BucketSize(payload.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(padded, (uint)payload.Length);
        payload.CopyTo(padded.AsSpan(LengthPrefixSize));
        return padded;
    }

    public static bool TryUnpad(ReadOnlySpan<byte> padded, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (padded.Length < LengthPrefixSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(padded);
        if (length > (uint)(padded.Length - LengthPrefixSize))
        {
            return false;
        }

        // The tag already vouches for these bytes; non-zero padding means a client that does not follow the spec.
        if (padded[(LengthPrefixSize + (int)length)..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        payload = padded.Slice(LengthPrefixSize, (int)length);
        return true;
    }
}
