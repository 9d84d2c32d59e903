using OneTime.LoadTest.Http2;

namespace OneTime.LoadTest.Tests;

/// <summary>The frame reader hands out the same frames however the bytes arrive.</summary>
public class FrameReaderTests
{
    private const int MaxFrameSize = 16_384;

    private static readonly (FrameType Type, byte Flags, int StreamId, int Length)[] Frames =
    [
        (FrameType.Settings, 0, 0, 18),
        (FrameType.Headers, FrameFlags.EndHeaders, 1, 7),
        (FrameType.Data, 0, 1, 0),
        (FrameType.Data, FrameFlags.EndStream, 1, 300),
        (FrameType.Ping, FrameFlags.Ack, 0, 8),
        (FrameType.Data, 0, 0x7FFF_FFFF, MaxFrameSize),
        (FrameType.WindowUpdate, 0, 3, 4),
    ];

    [Fact]
    public void TryRead_EverySplitPoint_SameFrames()
    {
        var wire = Wire();
        for (var split = 0; split <= wire.Length; split++)
        {
            var reader = new FrameReader(MaxFrameSize, bufferSize: 1024);
            var read = new List<(FrameType, byte, int, byte[])>();
            Feed(reader, wire.AsSpan(0, split), read);
            Feed(reader, wire.AsSpan(split), read);
            AssertFrames(read);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(4096)]
    public void TryRead_ByteChunks_SameFrames(int chunk)
    {
        var wire = Wire();
        var reader = new FrameReader(MaxFrameSize, bufferSize: 1024);
        var read = new List<(FrameType, byte, int, byte[])>();
        for (var offset = 0; offset < wire.Length; offset += chunk)
        {
            Feed(reader, wire.AsSpan(offset, Math.Min(chunk, wire.Length - offset)), read);
        }

        AssertFrames(read);
    }

    [Fact]
    public void TryRead_FrameAboveMaxFrameSize_IsAnError()
    {
        var reader = new FrameReader(MaxFrameSize);
        var header = new byte[FrameHeader.Size];
        FrameHeader.Write(header, MaxFrameSize + 1, FrameType.Data, 0, 1);
        Append(reader, header);
        Assert.False(reader.TryRead(out _, out _, out var error));
        Assert.Contains("SETTINGS_MAX_FRAME_SIZE", error);
    }

    [Fact]
    public void FrameHeader_IgnoresTheReservedBit()
    {
        byte[] header = [0, 0, 4, 8, 0, 0x80, 0, 0, 5];
        Assert.Equal(new FrameHeader(4, FrameType.WindowUpdate, 0, 5), FrameHeader.Read(header));
    }

    private static byte[] Payload(int index, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)(i * 31 + index)).ToArray();

    private static byte[] Wire()
    {
        var wire = new List<byte>();
        for (var i = 0; i < Frames.Length; i++)
        {
            var (type, flags, streamId, length) = Frames[i];
            var header = new byte[FrameHeader.Size];
            FrameHeader.Write(header, length, type, flags, streamId);
            wire.AddRange(header);
            wire.AddRange(Payload(i, length));
        }

        return [.. wire];
    }

    private static void Append(FrameReader reader, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var memory = reader.GetMemory();
            var count = Math.Min(memory.Length, bytes.Length);
            bytes[..count].CopyTo(memory.Span);
            reader.Advance(count);
            bytes = bytes[count..];
        }
    }

    // Like the read loop: append what arrived (as much as the free space takes), then take every whole frame.
    private static void Feed(FrameReader reader, ReadOnlySpan<byte> bytes, List<(FrameType, byte, int, byte[])> read)
    {
        do
        {
            var memory = reader.GetMemory();
            Assert.False(memory.IsEmpty);
            var count = Math.Min(memory.Length, bytes.Length);
            bytes[..count].CopyTo(memory.Span);
            reader.Advance(count);
            bytes = bytes[count..];
            while (reader.TryRead(out var header, out var payload, out var error))
            {
                Assert.Null(error);
                Assert.Equal(header.Length, payload.Length);
                read.Add((header.Type, header.Flags, header.StreamId, payload.ToArray()));
            }
        }
        while (!bytes.IsEmpty);
    }

    private static void AssertFrames(List<(FrameType, byte, int, byte[])> read)
    {
        Assert.Equal(Frames.Length, read.Count);
        for (var i = 0; i < Frames.Length; i++)
        {
            var (type, flags, streamId, length) = Frames[i];
            Assert.Equal((type, flags, streamId), (read[i].Item1, read[i].Item2, read[i].Item3));
            Assert.Equal(Payload(i, length), read[i].Item4);
        }
    }
}
