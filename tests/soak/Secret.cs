using Google.Protobuf;

namespace OneTime.Soak;

/// <summary>
/// One acknowledged Store as the ledger knows it. Only one call at a time uses a secret (it is taken from the pool
/// and put back), so its fields need no lock.
/// </summary>
internal sealed class Secret(string id, ByteString token, ByteString payload, int maxViews, double storedAt)
{
    public string Id { get; } = id;
    public ByteString Token { get; } = token;
    public ByteString Payload { get; } = payload;
    public int MaxViews { get; } = maxViews;

    /// <summary>Seconds since the soak began when the acknowledged Store was sent.</summary>
    public double StoredAt { get; } = storedAt;

    public int Reveals { get; set; }

    /// <summary>Gone by the ledger: last view revealed, burned, or found missing. A later reveal is a violation.</summary>
    public SecretEnd End { get; set; }

    /// <summary>A Retrieve or Burn of it failed: it may have been consumed without the ledger knowing.</summary>
    public bool Ambiguous { get; set; }
}

internal enum SecretEnd { None, LastViewRevealed, Burned, Missing }
