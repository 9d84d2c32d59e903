using System.Runtime.InteropServices;

namespace OneTime.Server.Storage.Memory;

/// <summary>
/// One stored ciphertext, in native memory, and the moment it stops existing; kept inline in a shard's table. Whoever
/// removes the entry from its table owns the memory and frees it, once.
/// </summary>
internal readonly record struct MemoryEntry(nint Ciphertext, int Length, long ExpiresAtUtcTicks)
{
    public static MemoryEntry Create(ReadOnlyMemory<byte> ciphertext, long expiresAtUtcTicks)
    {
        // Marshal.Copy takes arrays; a protobuf ByteString's memory is one, so this copies only once.
        var source = MemoryMarshal.TryGetArray(ciphertext, out var segment) ? segment : new ArraySegment<byte>(ciphertext.ToArray());
        var memory = Marshal.AllocHGlobal(Math.Max(1, source.Count));
        Marshal.Copy(source.Array!, source.Offset, memory, source.Count);
        return new MemoryEntry(memory, source.Count, expiresAtUtcTicks);
    }

    public bool IsExpired(DateTimeOffset now) => now.UtcTicks >= ExpiresAtUtcTicks;

    /// <summary>The ciphertext in a new array, for the caller who took it.</summary>
    public byte[] CopyOut()
    {
        var ciphertext = GC.AllocateUninitializedArray<byte>(Length);
        Marshal.Copy(Ciphertext, ciphertext, 0, Length);
        return ciphertext;
    }

    public void Free() => Marshal.FreeHGlobal(Ciphertext);
}
