using System.Runtime.InteropServices;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// One secret, kept inline in a shard's table under its id: the key it was stored with (whose token digest a caller
/// must match), its bytes in native memory, its views left, the wrong tokens seen, the last read and the moment it
/// stops existing. While views are left the bytes are the ciphertext. A receipt is an entry whose views are all taken:
/// only <see cref="ReadAtUtcTicks"/>, and as its bytes the reader's confirmation once one is given (none before).
/// Whoever removes an entry from its table owns its memory and frees it, once.
/// </summary>
internal readonly record struct MemoryEntry(
    SecretKey Key, nint Bytes, int Length, long ExpiresAtUtcTicks, int ViewsLeft, int WrongAttempts, long ReadAtUtcTicks)
{
    public const long NeverRead = 0;

    public static MemoryEntry Create(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, long expiresAtUtcTicks)
    {
        var (bytes, length) = Allocate(ciphertext);
        return new MemoryEntry(key, bytes, length, expiresAtUtcTicks, views, 0, NeverRead);
    }

    /// <summary>Copies <paramref name="source"/> into native memory that the caller must free (<see cref="Free"/>).</summary>
    public static (nint Bytes, int Length) Allocate(ReadOnlyMemory<byte> source)
    {
        // Marshal.Copy takes arrays; a protobuf ByteString's memory is one, so this copies only once.
        var segment = MemoryMarshal.TryGetArray(source, out var array) ? array : new ArraySegment<byte>(source.ToArray());
        var memory = Marshal.AllocHGlobal(Math.Max(1, segment.Count));
        Marshal.Copy(segment.Array!, segment.Offset, memory, segment.Count);
        return (memory, segment.Count);
    }

    public bool IsReceipt => ViewsLeft == 0;

    /// <summary>Whether a receipt holds a reader's confirmation.</summary>
    public bool IsConfirmed => IsReceipt && Bytes != 0;

    public bool IsExpired(DateTimeOffset now) => now.UtcTicks >= ExpiresAtUtcTicks;

    /// <summary>The bytes in a new array: the ciphertext for the caller who took a view, or a receipt's confirmation.</summary>
    public byte[] CopyOut()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(Length);
        Marshal.Copy(Bytes, bytes, 0, Length);
        return bytes;
    }

    /// <summary>What is left after the last view: the time of that read, until the secret's original expiry.</summary>
    public MemoryEntry ToReceipt(long readAtUtcTicks) =>
        this with { Bytes = 0, Length = 0, ViewsLeft = 0, WrongAttempts = 0, ReadAtUtcTicks = readAtUtcTicks };

    // Marshal.FreeHGlobal(0) does nothing, so freeing a receipt without a confirmation is harmless.
    public void Free() => Marshal.FreeHGlobal(Bytes);

    /// <summary>Frees native memory that <see cref="Allocate"/> gave and no entry took.</summary>
    public static void Free(nint bytes) => Marshal.FreeHGlobal(bytes);
}
