using StackExchange.Redis;

namespace OneTime.Server.Storage.Redis;

/// <summary>
/// Secrets stored before entries were kept by id: one string under <c>{prefix}{id}.{digest}</c>, written by
/// <c>SET key value PX ms NX</c>. An upgrade must lose none of them, so each call that finds no entry for its id tries
/// that key the way the earlier version did, until the last of them expires (at most the longest TTL after the
/// upgrade). Only the right token names such a key; a wrong one finds nothing, so nothing is counted.
/// </summary>
internal sealed partial class RedisSecretStore
{
    /// <summary>The key of a secret stored by an earlier version: the prefix, the id, a dot and the digest (66 characters).</summary>
    internal RedisKey LegacyKey(SecretKey key)
    {
        var text = new byte[SecretKey.TextLength];
        key.FormatUtf8(text);
        return _keyPrefix.Append(text);
    }

    // Taken whole (it had one view) with GETDEL, as before, and with no receipt.
    private async ValueTask<TakeResult> TakeLegacyAsync(SecretKey key)
    {
        var legacy = LegacyKey(key);
        try
        {
            if (_acknowledgement is null)
            {
                var value = await _coalescer.GetDeleteAsync(legacy).ConfigureAwait(false);
                return value.IsNull ? TakeResult.NotFound : TakeResult.Taken((byte[])value!, 0);
            }

            var write = await ExecuteAcknowledgedAsync(GetDel, legacy, [legacy]).ConfigureAwait(false);
            if (write.Reply.IsNull)
            {
                return TakeResult.NotFound; // nothing was deleted, so there is nothing for the replicas to confirm
            }

            await ConfirmedAsync(GetDel, write, legacy, forgetOnFailure: false).ConfigureAwait(false);
            return TakeResult.Taken((byte[])write.Reply!, 0);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, GetDel);
        }
    }

    private async ValueTask<SecretStatus> GetLegacyStatusAsync(SecretKey key)
    {
        long reply;
        try
        {
            // PTTL itself rather than KeyTimeToLiveAsync, which answers null for both "no key" and "no expiry".
            reply = (long)await _coalescer.ExecuteAsync(PTtl, LegacyKey(key)).ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, PTtl);
        }

        return reply == PTtlNoSuchKey ? SecretStatus.NotFound : new SecretStatus(LookupOutcome.Found, 1, TimeToLive(reply, PTtl), null);
    }

    private async ValueTask<LookupOutcome> BurnLegacyAsync(SecretKey key)
    {
        var legacy = LegacyKey(key);
        try
        {
            if (_acknowledgement is null)
            {
                return (long)await _coalescer.ExecuteAsync(Del, legacy).ConfigureAwait(false) == 1 ? LookupOutcome.Found : LookupOutcome.NotFound;
            }

            var write = await ExecuteAcknowledgedAsync(Del, legacy, [legacy]).ConfigureAwait(false);
            if ((long)write.Reply != 1)
            {
                return LookupOutcome.NotFound;
            }

            await ConfirmedAsync(Del, write, legacy, forgetOnFailure: false).ConfigureAwait(false);
            return LookupOutcome.Found;
        }
        catch (Exception exception) when (RedisErrors.IsTranslatable(exception))
        {
            throw Translate(exception, Del);
        }
    }
}
