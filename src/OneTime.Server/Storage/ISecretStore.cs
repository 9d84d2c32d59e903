namespace OneTime.Server.Storage;

/// <summary>
/// Where ciphertexts wait to be read. Every implementation keeps the same contract (pinned by the store contract
/// tests): one entry per id holds the token's digest, the ciphertext, the views left, the wrong attempts and the read
/// receipt (with the reader's confirmation once one is given); an entry answers only a caller with the right token;
/// each view is handed out at most once; and an entry disappears by itself when its time to live runs out
/// (protos/README.md "Views, receipts and wrong attempts").
/// </summary>
/// <remarks>
/// A wrong token for an entry that still has views counts one attempt; the attempt that reaches
/// <see cref="SecretRules.MaxWrongAttempts"/> burns it (<see cref="LookupOutcome.BurnedByWrongTokens"/>). Failures to
/// reach the backing store throw <see cref="StoreUnavailableException"/>; a store without room throws
/// <see cref="StoreFullException"/>. Neither is ever reported as "not found".
/// </remarks>
public interface ISecretStore
{
    /// <summary>Stores the ciphertext for <paramref name="views"/> reads unless the id is already taken; false when it was.</summary>
    ValueTask<bool> TryAddAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one view in one atomic step: the ciphertext and the views left after it. The last view deletes the
    /// ciphertext, leaving a read receipt when <see cref="SecretRules.ReadReceipts"/> is on.
    /// </summary>
    ValueTask<TakeResult> TakeViewAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>The entry's state, without taking a view.</summary>
    ValueTask<SecretStatus> GetStatusAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>Deletes a secret that still has views, whatever their number; a receipt or a miss deletes nothing.</summary>
    ValueTask<LookupOutcome> BurnAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the reader's <paramref name="confirmation"/> (1 to <see cref="ReadConfirmation.MaxBytes"/> bytes) with a
    /// receipt that has none, until the receipt's original expiry; a second one is refused and the first stays. A wrong
    /// token counts as for the other calls; a secret stored by an earlier version leaves no receipt, so it is a miss.
    /// </summary>
    ValueTask<ConfirmOutcome> ConfirmReadAsync(SecretKey key, ReadOnlyMemory<byte> confirmation, CancellationToken cancellationToken);
}
