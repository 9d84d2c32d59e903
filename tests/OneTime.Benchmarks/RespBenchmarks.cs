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
    private readonly ArrayBufferWriter<byte> _output = new(4096);
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
    public int Serialize_SetPxNx()
    {
        // As RedisSecretStore.TryAddAsync: prefix + key as UTF-8, the TTL as a decimal, into a fresh buffer.
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(buffer,
            [RedisCommands.Set, RedisCommands.Utf8("onetime:" + _key.Value), _ciphertext, RedisCommands.ExpiryMilliseconds,
             RedisCommands.Number(300_000), RedisCommands.IfNotExists]);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_GetDel()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(buffer, [RedisCommands.GetDel, RedisCommands.Utf8("onetime:" + _key.Value)]);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Serialize_GetDel_ReusedBuffer()
    {
        _output.ResetWrittenCount();
        RespWriter.WriteCommand(_output, [RedisCommands.GetDel, RedisCommands.Utf8("onetime:" + _key.Value)]);
        return _output.WrittenCount;
    }

    [Benchmark]
    public string SecretKey_Create() =>
        SecretKey.Create(_ciphertext.AsSpan(0, SecretKey.IdSize), _ciphertext.AsSpan(0, SecretKey.AuthTokenSize)).Value;
}
