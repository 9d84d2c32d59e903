using System.Buffers.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One argument of a command, formatted straight into the command's buffer: bytes as they are, a number in decimal
/// ASCII, or a key prefix followed by a secret's key in text, so no argument needs a string or an array of its own.
/// </summary>
internal readonly struct RespArgument
{
    // A long is at most 20 characters ("-9223372036854775808").
    private const int MaxNumberLength = 20;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly SecretKey _key;
    private readonly long _number;
    private readonly Kind _kind;

    private RespArgument(ReadOnlyMemory<byte> bytes, SecretKey key, long number, Kind kind)
    {
        _bytes = bytes;
        _key = key;
        _number = number;
        _kind = kind;
    }

    private enum Kind : byte
    {
        Bytes,
        Number,
        Key,
    }

    public static implicit operator RespArgument(ReadOnlyMemory<byte> bytes) => new(bytes, default, 0, Kind.Bytes);

    public static implicit operator RespArgument(byte[] bytes) => new(bytes, default, 0, Kind.Bytes);

    public static RespArgument Number(long value) => new(default, default, value, Kind.Number);

    /// <summary><paramref name="prefix"/> and then the text form of <paramref name="key"/> (<see cref="SecretKey.FormatUtf8"/>).</summary>
    public static RespArgument Key(ReadOnlyMemory<byte> prefix, SecretKey key) => new(prefix, key, 0, Kind.Key);

    /// <summary>How many bytes <see cref="CopyTo"/> writes.</summary>
    public int Length => _kind switch
    {
        Kind.Number => FormatNumber(stackalloc byte[MaxNumberLength]),
        Kind.Key => _bytes.Length + SecretKey.TextLength,
        _ => _bytes.Length,
    };

    /// <summary>Writes the argument's bytes and returns how many; <paramref name="destination"/> holds at least <see cref="Length"/>.</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_kind == Kind.Number)
        {
            return FormatNumber(destination);
        }

        _bytes.Span.CopyTo(destination);
        return _bytes.Length + (_kind == Kind.Key ? _key.FormatUtf8(destination[_bytes.Length..]) : 0);
    }

    private int FormatNumber(Span<byte> destination)
    {
        Utf8Formatter.TryFormat(_number, destination, out var written);
        return written;
    }
}
