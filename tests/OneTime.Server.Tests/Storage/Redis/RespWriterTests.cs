using System.Buffers;
using System.Text;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Server.Tests.Storage.Redis;

public sealed class RespWriterTests
{
    [Fact]
    public void WriteCommand_SpecExample_WritesAnArrayOfBulkStrings()
    {
        // The spec's "LLEN mylist" example (https://redis.io/docs/latest/develop/reference/protocol-spec/#sending-commands-to-a-redis-server).
        var written = Write("LLEN"u8.ToArray(), "mylist"u8.ToArray());

        Assert.Equal("*2\r\n$4\r\nLLEN\r\n$6\r\nmylist\r\n", written);
    }

    [Fact]
    public void WriteCommand_SetWithOptions_WritesEveryArgumentInOrder()
    {
        var written = Write("SET"u8.ToArray(), "k"u8.ToArray(), "v"u8.ToArray(), "PX"u8.ToArray(), "1000"u8.ToArray(), "NX"u8.ToArray());

        Assert.Equal("*6\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$2\r\nPX\r\n$4\r\n1000\r\n$2\r\nNX\r\n", written);
    }

    [Fact]
    public void WriteCommand_EmptyAndBinaryArguments_WritesThemLengthPrefixed()
    {
        var written = Write("SET"u8.ToArray(), [], [0x0D, 0x0A, 0x00]);

        Assert.Equal("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$3\r\n\r\n\0\r\n", written);
    }

    [Fact]
    public void WriteCommand_LargeArgument_WritesItWhole()
    {
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);
        var buffer = new ArrayBufferWriter<byte>();

        RespWriter.WriteCommand(buffer, [payload]);

        var header = "*1\r\n$100000\r\n"u8.ToArray();
        Assert.Equal(header, buffer.WrittenSpan[..header.Length].ToArray());
        Assert.Equal(payload, buffer.WrittenSpan.Slice(header.Length, payload.Length).ToArray());
        Assert.Equal("\r\n"u8.ToArray(), buffer.WrittenSpan[^2..].ToArray());
    }

    [Fact]
    public void WriteCommand_IntoSpan_FormatsNumbersAndPrefixedKeysInPlace()
    {
        var key = SecretKey.Create(new byte[SecretKey.IdSize], new byte[SecretKey.AuthTokenSize]);
        RespArgument[] arguments =
        [
            "SET"u8.ToArray(), RespArgument.Key("onetime:"u8.ToArray(), key), "v"u8.ToArray(),
            "PX"u8.ToArray(), RespArgument.Number(300_000), RespArgument.Number(-2), "NX"u8.ToArray(),
        ];
        var buffer = new byte[RespWriter.GetCommandLength(arguments)];

        var length = RespWriter.WriteCommand(buffer, arguments);

        Assert.Equal(buffer.Length, length);
        Assert.Equal(
            $"*7\r\n$3\r\nSET\r\n$74\r\nonetime:{SecretKeyTests.Text(key)}\r\n$1\r\nv\r\n$2\r\nPX\r\n$6\r\n300000\r\n$2\r\n-2\r\n$2\r\nNX\r\n",
            Encoding.Latin1.GetString(buffer));
    }

    [Fact]
    public void WriteCommand_IntoSpanLargeArgument_MatchesTheBufferWriterBytes()
    {
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);
        var expected = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(expected, ["SET"u8.ToArray(), payload]);
        RespArgument[] arguments = ["SET"u8.ToArray(), payload];
        var buffer = new byte[RespWriter.GetCommandLength(arguments)];

        RespWriter.WriteCommand(buffer, arguments);

        Assert.Equal(expected.WrittenSpan.ToArray(), buffer);
    }

    private static string Write(params byte[][] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(buffer, arguments.Select(a => (ReadOnlyMemory<byte>)a).ToArray());
        return Encoding.Latin1.GetString(buffer.WrittenSpan);
    }
}
