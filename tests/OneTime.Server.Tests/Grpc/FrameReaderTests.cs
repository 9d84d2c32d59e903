using System.Buffers;
using System.IO.Pipelines;
using OneTime.Server.Grpc;
using OneTime.Server.Grpc.Internal;

namespace OneTime.Server.Tests.Grpc;

public sealed class FrameReaderTests
{
    private const int MaxSize = 1024;

    private static readonly byte[] TwoFrames =
    [
        0x00, // compression = 0
        0x00, 0x00, 0x00, 0x03, // length = 3
        0x0A, 0x0B, 0x0C,
        0x01, // compression = 1
        0x00, 0x00, 0x00, 0x00, // length = 0
    ];

    [Fact]
    public async Task TryReadMessage_FedByteByByteThroughPipe_ReadsEveryFrame()
    {
        // Arrange
        var pipe = new Pipe();
        var frames = new List<(bool Compressed, byte[] Payload)>();

        // Act
        var reading = ReadAllAsync(pipe.Reader, frames);
        foreach (var b in TwoFrames)
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }

        await pipe.Writer.CompleteAsync();
        var leftover = await reading;

        // Assert
        Assert.Equal(0, leftover);
        Assert.Equal(2, frames.Count);
        Assert.False(frames[0].Compressed);
        Assert.Equal(new byte[] { 0x0A, 0x0B, 0x0C }, frames[0].Payload);
        Assert.True(frames[1].Compressed);
        Assert.Empty(frames[1].Payload);
    }

    [Fact]
    public void TryReadMessage_SplitAtEveryPoint_ReadsFirstFrameOnlyWhenWhole()
    {
        for (var split = 0; split <= TwoFrames.Length; split++)
        {
            // Arrange: two segments, cut at this split point.
            var buffer = TwoSegments(TwoFrames, split);
            var prefix = new ReadOnlySequence<byte>(TwoFrames, 0, Math.Min(split, 8));

            // Act
            var whole = FrameReader.TryReadMessage(ref buffer, MaxSize, out _, out var message);
            var partial = FrameReader.TryReadMessage(ref prefix, MaxSize, out _, out _);

            // Assert
            Assert.True(whole, $"split {split}");
            Assert.Equal(new byte[] { 0x0A, 0x0B, 0x0C }, message.ToArray());
            Assert.Equal(5, buffer.Length);
            Assert.Equal(split >= 8, partial);
        }
    }

    [Fact]
    public void TryReadMessage_MaxLengthPrefix_ThrowsResourceExhaustedWithoutWaiting()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([0x00, 0xFF, 0xFF, 0xFF, 0xFF]);

        // Act
        var exception = Assert.Throws<RpcException>(() => FrameReader.TryReadMessage(ref buffer, MaxSize, out _, out _));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, exception.StatusCode);
    }

    [Fact]
    public void TryReadMessage_LengthAtLimit_IsAccepted()
    {
        // Arrange
        var frame = new byte[5 + MaxSize];
        frame[3] = 0x04; // length = 1024, big-endian
        var buffer = new ReadOnlySequence<byte>(frame);

        // Act
        var read = FrameReader.TryReadMessage(ref buffer, MaxSize, out _, out var message);

        // Assert
        Assert.True(read);
        Assert.Equal(MaxSize, message.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x80)]
    public void TryReadMessage_UnknownFlag_ThrowsInternal(byte flag)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>([flag, 0, 0, 0, 0]);

        // Act
        var exception = Assert.Throws<RpcException>(() => FrameReader.TryReadMessage(ref buffer, MaxSize, out _, out _));

        // Assert
        Assert.Equal(StatusCode.Internal, exception.StatusCode);
    }

    private static async Task<long> ReadAllAsync(PipeReader reader, List<(bool, byte[])> frames)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (FrameReader.TryReadMessage(ref buffer, MaxSize, out var compressed, out var message))
            {
                frames.Add((compressed, message.ToArray()));
            }

            var remaining = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return remaining;
            }
        }
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new Segment(bytes[..split]);
        var last = first.Append(bytes[split..]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
