namespace OneTime.Server.Storage;

/// <summary>
/// Where ciphertexts wait to be read. Every implementation keeps the same contract (pinned by the store contract
/// tests): an entry is found only by its exact <see cref="SecretKey"/>, is handed out at most once, and disappears
/// by itself when its time to live runs out.
/// </summary>
/// <remarks>
/// Failures to reach the backing store throw <see cref="StoreUnavailableException"/>; a store without room throws
/// <see cref="StoreFullException"/>. Neither is ever reported as "not found".
/// </remarks>
public interface ISecretStore
{
    /// <summary>Stores the ciphertext unless the key is already taken; false when it was.</summary>
    ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Returns the ciphertext and deletes it in one atomic step; null when there is no such entry.</summary>
    ValueTask<byte[]?> TakeAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>How long the entry has left to live, without touching it; null when there is no such entry.</summary>
    ValueTask<TimeSpan?> GetTimeToLiveAsync(SecretKey key, CancellationToken cancellationToken);
}
