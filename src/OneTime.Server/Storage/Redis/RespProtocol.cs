namespace OneTime.Server.Storage.Redis;

/// <summary>Wire facts of RESP2 (https://redis.io/docs/latest/develop/reference/protocol-spec/).</summary>
internal static class RespProtocol
{
    /// <summary>Every RESP element ends its header (and a bulk string its payload) with CRLF.</summary>
    public static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    public const int CrLfSize = 2;

    /// <summary>"$-1\r\n" is the null bulk string and "*-1\r\n" the null array.</summary>
    public const long NullLength = -1;

    /// <summary>Redis refuses bulk strings past 512 MB (proto-max-bulk-len); a longer length is a broken stream.</summary>
    public const long MaxBulkLength = 512L * 1024 * 1024;

    /// <summary>A header line is a type byte and a number; anything longer without CRLF is not Redis talking.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Our commands never get deeply nested replies; a deeper one is treated as a protocol failure.</summary>
    public const int MaxDepth = 16;
}
