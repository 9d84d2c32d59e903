using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Read confirmations: the reader's bytes after a receipt's header (<see cref="RedisEntry"/>). Written at most once per
/// secret, so one script on the entry's key does it, with no plain-command path beside it.
/// </summary>
internal sealed partial class RedisSecretStore
{
    public async ValueTask<ConfirmOutcome> ConfirmReadAsync(SecretKey key, ReadOnlyMemory<byte> confirmation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(confirmation.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(confirmation.Length, ReadConfirmation.MaxBytes);

        // Unconfirmed by the replicas, the caller hears UNAVAILABLE and may send it again: ALREADY_EXISTS then says it
        // was kept after all, and a failover that lost it leaves the receipt unconfirmed, never wrong.
        RedisValue[] values = [Digest(key), _maxWrongAttempts, confirmation];
        var reply = await EvaluateChangeAsync(RedisEntry.ConfirmRead, Key(key), values, static reply => !reply.IsNull && (long)reply == RedisEntry.Confirmed)
            .ConfigureAwait(false);

        // No entry. A secret stored by an earlier version is not looked for: its last read leaves no receipt.
        if (reply.IsNull)
        {
            return ConfirmOutcome.NotFound;
        }

        return (long)reply switch
        {
            RedisEntry.Confirmed => ConfirmOutcome.Confirmed,
            RedisEntry.AlreadyConfirmed => ConfirmOutcome.AlreadyConfirmed,
            RedisEntry.StillHasViews => ConfirmOutcome.StillHasViews,
            RedisEntry.BurnedByWrongTokens => ConfirmOutcome.BurnedByWrongTokens,
            _ => ConfirmOutcome.NotFound,
        };
    }

    // A reader that lost the race for the last view (TakeOnlyViewAsync) swapped out the receipt the winner left, after
    // the winner's client had already confirmed it: put the receipt back as it was, with its read time and confirmation,
    // rather than let a loser's swap unconfirm a read. Best effort: the loser's answer is NOT_FOUND either way.
    private async Task RestoreReceiptAsync(RedisKey entry, byte[] receipt)
    {
        try
        {
            await _coalescer.ReplaceKeepingExpiryAsync(entry, receipt).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
        }
    }
}
