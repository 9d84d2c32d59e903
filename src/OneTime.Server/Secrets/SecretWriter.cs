using OneTime.Server.Quota;
using OneTime.Server.Storage;

namespace OneTime.Server.Secrets;

/// <summary>
/// Stores a ciphertext under a fresh id, charged to the storing client's quota. The charge and the first write are
/// sent together, so on Redis both ride one round trip; if the quota says no, the secret just written is deleted
/// again (nobody has its id yet) and the call is refused. A quota that answers at once (the memory store's) refuses
/// before anything is written.
/// </summary>
internal sealed class SecretWriter(ISecretStore store, IStorageQuota quota)
{
    // Only a freshly made id can collide, and only with probability 2^-128: retrying is for correctness, not load.
    private const int MaxIdAttempts = 3;

    /// <summary>The new secret's id in its text form; throws <see cref="QuotaExceededException"/> when over quota.</summary>
    public async Task<string> StoreAsync(string client, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> authToken, int views, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var charging = quota.TryChargeAsync(client, ciphertext.Length, timeToLive);
        QuotaCharge? answered = null;
        if (charging.IsCompletedSuccessfully)
        {
            answered = charging.Result;
            if (!answered.Value.Granted) throw new QuotaExceededException();
        }

        var id = new byte[SecretKey.IdSize];
        var text = SecretId.Create(id);
        var key = SecretKey.Create(id, authToken.Span);
        bool stored;
        try
        {
            stored = await store.TryAddAsync(key, ciphertext, views, timeToLive, cancellationToken);
        }
        catch
        {
            await RefundAsync(answered, charging);
            throw;
        }

        QuotaCharge charge;
        try
        {
            charge = answered ?? await charging;
        }
        catch
        {
            // The quota could not be asked (Redis failing): keep nothing that was not charged.
            if (stored) await ForgetAsync(key);
            throw;
        }

        if (!charge.Granted)
        {
            if (stored) await ForgetAsync(key);
            throw new QuotaExceededException();
        }

        for (var attempt = 1; !stored && attempt < MaxIdAttempts; attempt++)
        {
            text = SecretId.Create(id);
            key = SecretKey.Create(id, authToken.Span);
            stored = await AddChargedAsync(key, ciphertext, views, timeToLive, charge, cancellationToken);
        }

        if (!stored)
        {
            quota.Refund(charge);
            throw StoreErrors.NoFreeId;
        }

        return text;
    }

    private async ValueTask<bool> AddChargedAsync(SecretKey key, ReadOnlyMemory<byte> ciphertext, int views, TimeSpan timeToLive, QuotaCharge charge, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryAddAsync(key, ciphertext, views, timeToLive, cancellationToken);
        }
        catch
        {
            quota.Refund(charge);
            throw;
        }
    }

    // A ValueTask may be awaited once: the charge is either already read, or still to be awaited here.
    private async ValueTask RefundAsync(QuotaCharge? answered, ValueTask<QuotaCharge> charging)
    {
        try
        {
            quota.Refund(answered ?? await charging);
        }
        catch (Exception)
        {
            // The store's own failure is the one to report.
        }
    }

    // Best effort: if this fails too, the secret's TTL still ends it, and its id was never given out.
    private async ValueTask ForgetAsync(SecretKey key)
    {
        try
        {
            await store.BurnAsync(key, CancellationToken.None);
        }
        catch (Exception)
        {
        }
    }
}
