namespace OneTime.Server.Storage.Memory;

/// <summary>One stored ciphertext and the moment it stops existing.</summary>
internal sealed record MemoryEntry(byte[] Ciphertext, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
