using System.Runtime.InteropServices;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// One secret, kept inline in a shard's table under its id: the key it was stored with (whose token digest a caller
/// must match), the ciphertext in native memory, its views left, the wrong tokens seen, the last read and the moment
/// it stops existing. A receipt is an entry whose views are all taken: no ciphertext, only <see cref="ReadAtUtcTicks"/>.
/// Whoever removes a ciphertext from its table owns its memory and frees it, once.
/// </summary>
internal readonly record struct MemoryEntry(
    SecretKey Key, nint Ciphertext, int Length, long ExpiresAtUtcTicks, int ViewsLeft, int WrongAttempts, long ReadAtUtcTicks)
{
    public const long NeverRead = 0;

    public static MemoryEntry Create(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, long expiresAtUtcTicks)
    {
        // Marshal.Copy takes arrays; a protobuf ByteString's memory is one, so this copies only once.
        var source = MemoryMarshal.TryGetArray(ciphertext, out var segment) ? segment : new ArraySegment<byte>(ciphertext.ToArray());
        var memory = Marshal.AllocHGlobal(Math.Max(1, source.Count));
        Marshal.Copy(source.Array!, source.Offset, memory, source.Count);
        return new MemoryEntry(key, memory, source.Count, expiresAtUtcTicks, views, 0, NeverRead);
    }

    public bool IsReceipt => Ciphertext == 0;

    public bool IsExpired(DateTimeOffset now) => now.UtcTicks >= ExpiresAtUtcTicks;

    /// <summary>The ciphertext in a new array, for the caller who took a view.</summary>
    public byte[] CopyOut()
    {
        var ciphertext = GC.AllocateUninitializedArray<byte>(Length);
        Marshal.Copy(Ciphertext, ciphertext, 0, Length);
        return ciphertext;
    }

    /// <summary>What is left after the last view: the time of that read, until the secret's original expiry.</summary>
    public MemoryEntry ToReceipt(long readAtUtcTicks) =>
        this with { Ciphertext = 0, Length = 0, ViewsLeft = 0, WrongAttempts = 0, ReadAtUtcTicks = readAtUtcTicks };

    // Marshal.FreeHGlobal(0) does nothing, so freeing a receipt is harmless.
    public void Free() => Marshal.FreeHGlobal(Ciphertext);
}
