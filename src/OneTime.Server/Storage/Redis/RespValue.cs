using System.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>One parsed RESP2 reply. Null bulk strings and null arrays keep their type and set <see cref="IsNull"/>.</summary>
internal sealed class RespValue
{
    private RespValue(RespType type) => Type = type;

    public RespType Type { get; }

    public bool IsNull { get; private init; }

    /// <summary>The text of a simple string or an error.</summary>
    public string? Text { get; private init; }

    public long Integer { get; private init; }

    public byte[]? Bulk { get; private init; }

    public IReadOnlyList<RespValue>? Items { get; private init; }

    public bool IsError => Type == RespType.Error;

    /// <summary>The error's first word ("ERR", "OOM", "WRONGPASS"): a code, never user data.</summary>
    public string ErrorCode => IsError && Text is { } text ? text.Split(' ', 2)[0] : string.Empty;

    public static RespValue SimpleString(string text) => new(RespType.SimpleString) { Text = text };

    public static RespValue Error(string text) => new(RespType.Error) { Text = text };

    public static RespValue FromInteger(long value) => new(RespType.Integer) { Integer = value };

    public static RespValue BulkString(byte[] bytes) => new(RespType.BulkString) { Bulk = bytes };

    /// <summary>"+OK", shared: replies are never mutated.</summary>
    public static RespValue Ok { get; } = SimpleString("OK");

    public static RespValue NullBulkString { get; } = new(RespType.BulkString) { IsNull = true };

    public static RespValue Array(IReadOnlyList<RespValue> items) => new(RespType.Array) { Items = items };

    public static RespValue NullArray { get; } = new(RespType.Array) { IsNull = true };

    public override string ToString() => Type switch
    {
        RespType.SimpleString => $"+{Text}",
        RespType.Error => $"-{Text}",
        RespType.Integer => $":{Integer}",
        RespType.BulkString => IsNull ? "$-1" : $"${Bulk!.Length}",
        _ => IsNull ? "*-1" : $"*{Items!.Count}",
    };

    internal static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
