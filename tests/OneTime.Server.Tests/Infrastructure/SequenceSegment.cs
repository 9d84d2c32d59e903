using System.Buffers;

namespace OneTime.Server.Tests.Infrastructure;

/// <summary>One link of a hand-built <see cref="ReadOnlySequence{T}"/>, to feed parsers data split anywhere.</summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    public SequenceSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    public SequenceSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new SequenceSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }

    /// <summary>A sequence whose segments are the given chunks, in order.</summary>
    public static ReadOnlySequence<byte> Chain(params ReadOnlyMemory<byte>[] chunks)
    {
        var first = new SequenceSegment(chunks[0]);
        var last = first;
        foreach (var chunk in chunks.Skip(1))
        {
            last = last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Every byte in a segment of its own.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        bytes.Length == 0 ? ReadOnlySequence<byte>.Empty : Chain(bytes.Select((_, i) => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1)).ToArray());
}
