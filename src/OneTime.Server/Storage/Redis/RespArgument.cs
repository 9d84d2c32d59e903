using System.Buffers.Text;
using System.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// One argument of a command, formatted straight into the command's buffer: bytes as they are, a number in decimal
/// ASCII, or a prefix followed by text in UTF-8 (a Redis key), so no argument needs a string or an array of its own.
/// </summary>
internal readonly struct RespArgument
{
    // A long is at most 20 characters ("-9223372036854775808").
    private const int MaxNumberLength = 20;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly string? _text;
    private readonly long _number;
    private readonly bool _isNumber;

    private RespArgument(ReadOnlyMemory<byte> bytes, string? text, long number, bool isNumber)
    {
        _bytes = bytes;
        _text = text;
        _number = number;
        _isNumber = isNumber;
    }

    public static implicit operator RespArgument(ReadOnlyMemory<byte> bytes) => new(bytes, null, 0, false);

    public static implicit operator RespArgument(byte[] bytes) => new(bytes, null, 0, false);

    public static RespArgument Number(long value) => new(default, null, value, true);

    /// <summary><paramref name="prefix"/> and then <paramref name="text"/> in UTF-8.</summary>
    public static RespArgument Prefixed(ReadOnlyMemory<byte> prefix, string text) => new(prefix, text, 0, false);

    /// <summary>How many bytes <see cref="CopyTo"/> writes.</summary>
    public int Length => _isNumber
        ? FormatNumber(stackalloc byte[MaxNumberLength])
        : _bytes.Length + (_text is null ? 0 : Encoding.UTF8.GetByteCount(_text));

    /// <summary>Writes the argument's bytes and returns how many; <paramref name="destination"/> holds at least <see cref="Length"/>.</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_isNumber)
        {
            return FormatNumber(destination);
        }

        _bytes.Span.CopyTo(destination);
        return _bytes.Length + (_text is null ? 0 : Encoding.UTF8.GetBytes(_text, destination[_bytes.Length..]));
    }

    private int FormatNumber(Span<byte> destination)
    {
        Utf8Formatter.TryFormat(_number, destination, out var written);
        return written;
    }
}
