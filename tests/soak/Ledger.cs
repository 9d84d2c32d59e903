using System.Collections.Concurrent;

namespace OneTime.Soak;

/// <summary>
/// Every acknowledged Store and every reveal, and the verdicts on them: a secret revealed more often than its views,
/// after it was burned or after it was found missing, or with other bytes than stored, is a violation; a secret missing
/// while it should be there is lost, which only "Redis restarted empty" is allowed to cause.
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentQueue<Secret> _waiting = new(); // acknowledged, views left, not in use
    private readonly ConcurrentQueue<Secret> _ended = new();   // what a re-read must never reveal again
    private const int MaxEnded = 50_000; // the re-reads' sample of ended secrets; older ones are let go
    private readonly ConcurrentQueue<Secret> _missing = new();
    private readonly ConcurrentQueue<Secret> _kept = new();    // left alone until the final sweep
    private double _emptyRestartAt = double.PositiveInfinity;
    private double _emptyRestartHealedAt = double.PositiveInfinity;
    private long _acknowledged, _reveals, _secondReveals, _revealsAfterBurn, _reappeared, _wrongBytes, _viewsMiscounted;
    private long _lostAllowed, _lost, _consumedByFailedCall;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Reveals => Interlocked.Read(ref _reveals);
    public long SecondReveals => Interlocked.Read(ref _secondReveals);
    public long RevealsAfterBurn => Interlocked.Read(ref _revealsAfterBurn);
    public long Reappeared => Interlocked.Read(ref _reappeared);
    public long WrongBytes => Interlocked.Read(ref _wrongBytes);
    public long ViewsMiscounted => Interlocked.Read(ref _viewsMiscounted);
    public long LostAllowed => Interlocked.Read(ref _lostAllowed);
    public long Lost => Interlocked.Read(ref _lost);
    public long ConsumedByFailedCall => Interlocked.Read(ref _consumedByFailedCall);
    public int Waiting => _waiting.Count;

    /// <summary>From now on, secrets stored earlier may be missing: Redis was restarted without its data.</summary>
    public void MarkEmptyRestart(double at) => _emptyRestartAt = Math.Min(_emptyRestartAt, at);

    /// <summary>
    /// The replica is in sync with the emptied primary again. A Store sent before this may have been acknowledged by
    /// the replica's copy of the old data and then emptied with it, so it may be lost too.
    /// </summary>
    public void MarkEmptyRestartHealed(double at) => _emptyRestartHealedAt = Math.Min(_emptyRestartHealedAt, at);

    /// <summary>Every secret found missing, for the final sweep to read again: a reveal then means NOT_FOUND was false.</summary>
    public IEnumerable<Secret> Missing => _missing;

    /// <summary>What the report says of each lost secret (never its id): when it was stored and found missing, by what.</summary>
    public ConcurrentQueue<(double StoredAt, double FoundAt, string By, bool Allowed)> Losses { get; } = new();

    public void Stored(Secret secret)
    {
        Interlocked.Increment(ref _acknowledged);
        _waiting.Enqueue(secret);
    }

    /// <summary>
    /// An acknowledged Store no call touches until the final sweep: secrets kept across every fault, so that a loss
    /// shows even where the mix reads most secrets back within a second.
    /// </summary>
    public void Kept(Secret secret)
    {
        Interlocked.Increment(ref _acknowledged);
        _kept.Enqueue(secret);
    }

    /// <summary>For the final sweep: every secret still waiting or kept.</summary>
    public List<Secret> TakeAllWaiting()
    {
        var all = new List<Secret>(_kept);
        while (_waiting.TryDequeue(out var secret)) all.Add(secret);
        return all;
    }

    public bool TryTakeWaiting(out Secret secret) => _waiting.TryDequeue(out secret!);

    public bool TryTakeEnded(out Secret secret) => _ended.TryDequeue(out secret!);

    /// <summary>Puts back a secret after a call that did not end it.</summary>
    public void Return(Secret secret)
    {
        if (secret.End == SecretEnd.None)
        {
            _waiting.Enqueue(secret);
            return;
        }

        _ended.Enqueue(secret);
        if (_ended.Count > MaxEnded) _ended.TryDequeue(out _);
    }

    /// <summary>A Retrieve answered OK with these bytes and this many views left.</summary>
    public void Revealed(Secret secret, ReadOnlySpan<byte> ciphertext, uint viewsLeft)
    {
        Interlocked.Increment(ref _reveals);
        if (!ciphertext.SequenceEqual(secret.Payload.Span)) Interlocked.Increment(ref _wrongBytes);
        switch (secret.End)
        {
            case SecretEnd.LastViewRevealed: Interlocked.Increment(ref _secondReveals); break;
            case SecretEnd.Burned: Interlocked.Increment(ref _revealsAfterBurn); break;
            case SecretEnd.Missing: Interlocked.Increment(ref _reappeared); break;
            default:
                secret.Reveals++;
                if (!secret.Ambiguous && viewsLeft != secret.MaxViews - secret.Reveals) Interlocked.Increment(ref _viewsMiscounted);
                if (viewsLeft == 0 || secret.Reveals >= secret.MaxViews) secret.End = SecretEnd.LastViewRevealed;
                break;
        }
    }

    public void Burned(Secret secret)
    {
        if (secret.End == SecretEnd.None) secret.End = SecretEnd.Burned;
    }

    /// <summary>NOT_FOUND (or Exists false) for a secret the ledger holds as waiting.</summary>
    public void FoundMissing(Secret secret, double at, string by)
    {
        if (secret.End != SecretEnd.None) return;
        secret.End = SecretEnd.Missing;
        if (secret.Ambiguous)
        {
            Interlocked.Increment(ref _consumedByFailedCall);
            return;
        }

        _missing.Enqueue(secret);
        var allowed = secret.StoredAt < _emptyRestartHealedAt && at >= _emptyRestartAt;
        Interlocked.Increment(ref allowed ? ref _lostAllowed : ref _lost);
        Losses.Enqueue((secret.StoredAt, at, by, allowed));
    }
}
