using System.Buffers.Binary;

namespace OneTime.LoadTest.Http2;

internal enum FrameType : byte
{
    Data = 0x0,
    Headers = 0x1,
    Priority = 0x2,
    RstStream = 0x3,
    Settings = 0x4,
    PushPromise = 0x5,
    Ping = 0x6,
    GoAway = 0x7,
    WindowUpdate = 0x8,
    Continuation = 0x9,
}

internal static class FrameFlags
{
    public const byte EndStream = 0x1;
    public const byte Ack = 0x1;
    public const byte EndHeaders = 0x4;
    public const byte Padded = 0x8;
    public const byte Priority = 0x20;
}

/// <summary>The 9-byte frame header (RFC 9113 4.1).</summary>
internal readonly record struct FrameHeader(int Length, FrameType Type, byte Flags, int StreamId)
{
    public const int Size = 9;

    public bool HasFlag(byte flag) => (Flags & flag) != 0;

    public static FrameHeader Read(ReadOnlySpan<byte> source) => new(
        (source[0] << 16) | (source[1] << 8) | source[2],
        (FrameType)source[3],
        source[4],
        (int)(BinaryPrimitives.ReadUInt32BigEndian(source[5..]) & 0x7FFF_FFFF));

    public static void Write(Span<byte> destination, int length, FrameType type, byte flags, int streamId)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = (byte)type;
        destination[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)streamId);
    }
}

/// <summary>
/// Splits received bytes into whole frames: the socket writes into <see cref="GetMemory"/> and reports with
/// <see cref="Advance"/>; <see cref="TryRead"/> hands out each complete frame, whatever the read boundaries were.
/// </summary>
internal sealed class FrameReader(int maxFrameSize, int bufferSize = 64 * 1024)
{
    private byte[] _buffer = new byte[Math.Max(bufferSize, FrameHeader.Size + maxFrameSize)];
    private int _start;
    private int _end;

    /// <summary>Free space to receive into; compacts or grows the buffer so it is never empty.</summary>
    public Memory<byte> GetMemory()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length || _buffer.Length - _start < FrameHeader.Size + maxFrameSize)
        {
            // Move the partial frame to the front so that a whole frame always fits behind it.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>
    /// The next complete frame, if received; <paramref name="error"/> says when the peer sent a frame longer than
    /// our SETTINGS_MAX_FRAME_SIZE (a connection error, RFC 9113 4.2).
    /// </summary>
    public bool TryRead(out FrameHeader header, out ReadOnlySpan<byte> payload, out string? error)
    {
        error = null;
        payload = default;
        header = default;
        var available = _end - _start;
        if (available < FrameHeader.Size) return false;

        header = FrameHeader.Read(_buffer.AsSpan(_start, FrameHeader.Size));
        if (header.Length > maxFrameSize)
        {
            error = $"frame of {header.Length} bytes above SETTINGS_MAX_FRAME_SIZE {maxFrameSize}";
            return false;
        }

        if (available < FrameHeader.Size + header.Length) return false;
        payload = _buffer.AsSpan(_start + FrameHeader.Size, header.Length);
        _start += FrameHeader.Size + header.Length;
        return true;
    }
}
