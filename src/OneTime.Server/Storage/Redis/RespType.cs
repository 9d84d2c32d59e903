namespace OneTime.Server.Storage.Redis;

/// <summary>The RESP2 reply types, named by their first byte (https://redis.io/docs/latest/develop/reference/protocol-spec/).</summary>
internal enum RespType : byte
{
    SimpleString = (byte)'+',
    Error = (byte)'-',
    Integer = (byte)':',
    BulkString = (byte)'$',
    Array = (byte)'*',
}
