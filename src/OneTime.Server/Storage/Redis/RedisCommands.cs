using System.Text;

namespace OneTime.Server.Storage.Redis;

/// <summary>Command names and arguments as the bytes sent on the wire (https://redis.io/docs/latest/commands/).</summary>
internal static class RedisCommands
{
    public static readonly ReadOnlyMemory<byte> Auth = Ascii("AUTH");
    public static readonly ReadOnlyMemory<byte> Select = Ascii("SELECT");
    public static readonly ReadOnlyMemory<byte> Ping = Ascii("PING");
    public static readonly ReadOnlyMemory<byte> Set = Ascii("SET");
    public static readonly ReadOnlyMemory<byte> GetDel = Ascii("GETDEL");
    public static readonly ReadOnlyMemory<byte> PTtl = Ascii("PTTL");

    /// <summary>SET option: the expiry that follows is in milliseconds.</summary>
    public static readonly ReadOnlyMemory<byte> ExpiryMilliseconds = Ascii("PX");

    /// <summary>SET option: only set the key if it does not exist yet.</summary>
    public static readonly ReadOnlyMemory<byte> IfNotExists = Ascii("NX");

    public const string Ok = "OK";
    public const string Pong = "PONG";

    /// <summary>PTTL's answer when the key does not exist (Redis 2.8 and later).</summary>
    public const long PTtlNoSuchKey = -2;

    /// <summary>PTTL's answer when the key exists without an expiry; this store never writes one.</summary>
    public const long PTtlNoExpiry = -1;

    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ReadOnlyMemory<byte> Number(long value) => Ascii(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
