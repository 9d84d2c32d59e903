using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using OneTime.Server.Storage;
using OneTime.Server.Storage.Redis;

namespace OneTime.Benchmarks;

/// <summary>
/// RESP2 (https://redis.io/docs/latest/develop/reference/protocol-spec/): the replies the store reads and the
/// commands it writes per secret, built the way RedisSecretStore builds them.
/// </summary>
[MemoryDiagnoser]
public class RespBenchmarks
{
    private static readonly byte[] OkReply = "+OK\r\n"u8.ToArray();
    private static readonly byte[] TtlReply = ":299000\r\n"u8.ToArray();
    private static readonly byte[] Prefix = "onetime:"u8.ToArray();
    private byte[] _bulkReply = [];
    private ReadOnlySequence<byte> _pipelinedReplies;
    private byte[] _ciphertext = [];
    private SecretKey _key;

    [Params(256)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ciphertext = new byte[PayloadSize];
        _bulkReply = [.. Encoding.ASCII.GetBytes($"${PayloadSize}\r\n"), .. _ciphertext, .. "\r\n"u8];
        // Sixteen GETDEL replies back to back over two segments, as the read loop sees a pipelined batch.
        var batch = Enumerable.Repeat(_bulkReply, 16).SelectMany(b => b).ToArray();
        _pipelinedReplies = Segments.Split(batch, 2);
        _key = SecretKey.Create(new byte[SecretKey.IdSize], new byte[SecretKey.AuthTokenSize]);
    }

    [Benchmark]
    public bool Parse_Ok()
    {
        var buffer = new ReadOnlySequence<byte>(OkReply);
        return RespReader.TryRead(ref buffer, out _);
    }

    [Benchmark]
    public bool Parse_Integer()
    {
        var buffer = new ReadOnlySequence<byte>(TtlReply);
        return RespReader.TryRead(ref buffer, out _);
    }

    [Benchmark]
    public int Parse_BulkString()
    {
        var buffer = new ReadOnlySequence<byte>(_bulkReply);
        RespReader.TryRead(ref buffer, out var value);
        return value.Bulk!.Length;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int Parse_SixteenPipelinedBulkStrings()
    {
        var buffer = _pipelinedReplies;
        var count = 0;
        while (RespReader.TryRead(ref buffer, out _)) count++;
        return count;
    }

    [Benchmark]
    public int Serialize_SetPxNx() =>
        // As RedisSecretStore.TryAddAsync and PendingCommand: the exact length first, then prefix + key as text, the
        // TTL as a decimal, straight into the command's buffer.
        Serialize([RedisCommands.Set, RespArgument.Key(Prefix, _key), _ciphertext, RedisCommands.ExpiryMilliseconds,
                   RespArgument.Number(300_000), RedisCommands.IfNotExists]);

    [Benchmark]
    public int Serialize_GetDel() => Serialize([RedisCommands.GetDel, RespArgument.Key(Prefix, _key)]);

    [Benchmark]
    public SecretKey SecretKey_Create() =>
        SecretKey.Create(_ciphertext.AsSpan(0, SecretKey.IdSize), _ciphertext.AsSpan(0, SecretKey.AuthTokenSize));

    private int Serialize(ReadOnlySpan<RespArgument> arguments)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(RespWriter.GetCommandLength(arguments));
        var written = RespWriter.WriteCommand(buffer, arguments);
        ArrayPool<byte>.Shared.Return(buffer);
        return written;
    }
}
