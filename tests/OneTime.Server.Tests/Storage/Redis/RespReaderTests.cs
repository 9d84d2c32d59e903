using System.Buffers;
using System.Text;
using OneTime.Server.Storage.Redis;
using OneTime.Server.Tests.Infrastructure;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RespReaderTests
{
    // One sample of every RESP2 reply type, written as the spec shows them
    // (https://redis.io/docs/latest/develop/reference/protocol-spec/).
    public static TheoryData<string> Replies => new()
    {
        "+OK\r\n",
        "-ERR unknown command 'foobar'\r\n",
        ":1000\r\n",
        ":-2\r\n",
        "$5\r\nhello\r\n",
        "$0\r\n\r\n",
        "$-1\r\n",
        "$6\r\na\r\nb\r\n\r\n", // binary-safe: CRLF inside the payload is data
        "*0\r\n",
        "*-1\r\n",
        "*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n",
        "*3\r\n:1\r\n:2\r\n:3\r\n",
        "*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n", // nested arrays
        "*3\r\n$5\r\nhello\r\n$-1\r\n$5\r\nworld\r\n", // null element
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void TryRead_EveryPrefix_ReturnsFalseAndConsumesNothing(string reply)
    {
        var bytes = Encoding.ASCII.GetBytes(reply);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            var read = RespReader.TryRead(ref buffer, out _);

            Assert.False(read, $"A reply cut after {length} bytes was read.");
            Assert.Equal(length, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void TryRead_EverySplitPoint_ReadsTheWholeReply(string reply)
    {
        var bytes = Encoding.ASCII.GetBytes(reply);
        for (var split = 1; split < bytes.Length; split++)
        {
            var buffer = SequenceSegment.Chain(bytes.AsMemory(0, split), bytes.AsMemory(split));

            var read = RespReader.TryRead(ref buffer, out var value);

            Assert.True(read, $"A reply split at {split} was not read.");
            Assert.True(buffer.IsEmpty);
            Assert.Equal(Describe(Parse(reply)), Describe(value));
        }
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void TryRead_OneBytePerSegment_ReadsTheWholeReply(string reply)
    {
        var buffer = SequenceSegment.OneBytePerSegment(Encoding.ASCII.GetBytes(reply));

        var read = RespReader.TryRead(ref buffer, out var value);

        Assert.True(read);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(Describe(Parse(reply)), Describe(value));
    }

    [Fact]
    public void TryRead_EachType_ParsesTheValue()
    {
        Assert.Equal("OK", Parse("+OK\r\n").Text);
        Assert.Equal("ERR unknown command 'foobar'", Parse("-ERR unknown command 'foobar'\r\n").Text);
        Assert.Equal("ERR", Parse("-ERR unknown command 'foobar'\r\n").ErrorCode);
        Assert.Equal(-2, Parse(":-2\r\n").Integer);
        Assert.Equal("hello"u8.ToArray(), Parse("$5\r\nhello\r\n").Bulk);
        Assert.Equal("a\r\nb\r\n"u8.ToArray(), Parse("$6\r\na\r\nb\r\n\r\n").Bulk);
        Assert.Empty(Parse("$0\r\n\r\n").Bulk!);
        Assert.True(Parse("$-1\r\n") is { Type: RespType.BulkString, IsNull: true });
        Assert.True(Parse("*-1\r\n") is { Type: RespType.Array, IsNull: true });
        Assert.Equal("*[*[:1 :2 :3] *[+Hello -World]]", Describe(Parse("*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n")));
    }

    [Fact]
    public void TryRead_TwoRepliesInOneBuffer_ReadsThemInOrder()
    {
        var buffer = new ReadOnlySequence<byte>("+OK\r\n:7\r\n$1"u8.ToArray());

        Assert.True(RespReader.TryRead(ref buffer, out var first));
        Assert.True(RespReader.TryRead(ref buffer, out var second));
        Assert.False(RespReader.TryRead(ref buffer, out _));

        Assert.Equal("OK", first.Text);
        Assert.Equal(7, second.Integer);
        Assert.Equal(2, buffer.Length); // "$1" waits for the rest of its reply.
    }

    [Theory]
    [InlineData("!oops\r\n")] // not a RESP2 type byte
    [InlineData(":12a\r\n")] // not a number
    [InlineData("$-2\r\n")] // lengths below -1 do not exist
    [InlineData("$3\r\nabcXY")] // the payload must be followed by CRLF
    [InlineData("$999999999999\r\n")] // past Redis's 512 MB bulk limit
    public void TryRead_MalformedReply_ThrowsProtocolException(string reply)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(reply));

        Assert.Throws<RespProtocolException>(() => RespReader.TryRead(ref buffer, out _));
    }

    private static RespValue Parse(string reply)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(reply));
        Assert.True(RespReader.TryRead(ref buffer, out var value));
        return value;
    }

    private static string Describe(RespValue value) => value switch
    {
        { Type: RespType.Array, IsNull: false } => $"*[{string.Join(' ', value.Items!.Select(Describe))}]",
        { Type: RespType.BulkString, IsNull: false } => $"${Convert.ToHexString(value.Bulk!)}",
        { Type: RespType.SimpleString or RespType.Error } => $"{(char)value.Type}{value.Text}",
        _ => value.ToString(),
    };
}
