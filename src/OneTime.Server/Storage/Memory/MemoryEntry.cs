namespace OneTime.Server.Storage.Memory;

/// <summary>One stored ciphertext and the moment it stops existing, kept inline in a shard's table.</summary>
internal readonly record struct MemoryEntry(byte[] Ciphertext, long ExpiresAtUtcTicks)
{
    public bool IsExpired(DateTimeOffset now) => now.UtcTicks >= ExpiresAtUtcTicks;
}
