using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneTime.Server.Storage;

namespace OneTime.Server.Secrets;

/// <summary>
/// Checks request fields against <see cref="OneTimeOptions"/>. Every rejection is INVALID_ARGUMENT naming the allowed
/// range and never the offending value, and happens before the store is touched.
/// </summary>
internal sealed class SecretRequestValidator
{
    /// <summary>
    /// The smallest envelope any client produces (protos/README.md "Envelope format 1"): every plaintext is padded to
    /// a bucket of at least 256 bytes, so a blob is never shorter than this. Anything smaller is not a secret, only a
    /// way to fill the store with entries that cost more than they count.
    /// </summary>
    public const int MinCiphertextBytes =
        1 // version byte
        + 12 // AES-GCM nonce
        + 256 // the smallest padding bucket
        + 16; // AES-GCM tag

    private readonly OneTimeOptions _options;
    private readonly RpcException _badCiphertext;
    private readonly RpcException _badTtl;
    private readonly RpcException _badViews;

    private static readonly RpcException BadAuthToken =
        new(new Status(StatusCode.InvalidArgument, $"auth_token must be exactly {SecretKey.AuthTokenSize} bytes."));

    private static readonly RpcException BadConfirmation = new(new Status(StatusCode.InvalidArgument,
        $"confirmation must be 1 to {ReadConfirmation.MaxBytes} bytes (a confirmation of format 1 is 285)."));

    private static readonly RpcException BadId =
        new(new Status(StatusCode.InvalidArgument, $"id must be {SecretId.EncodedLength} base64url characters, as returned by Store."));

    public SecretRequestValidator(OneTimeOptions options)
    {
        _options = options;
        _badCiphertext = new(new Status(StatusCode.InvalidArgument, $"ciphertext must be {MinCiphertextBytes} to {options.MaxCiphertextBytes} bytes (an envelope of format 1 is never shorter)."));
        _badTtl = new(new Status(StatusCode.InvalidArgument,
            $"ttl must be between {Describe(options.MinTtl)} and {Describe(options.MaxTtl)} (unset means {Describe(options.DefaultTtl)})."));
        _badViews = new(new Status(StatusCode.InvalidArgument, $"max_views must be at most {options.MaxViews}, this server's limit (0 or unset means 1)."));
    }

    public void ValidateCiphertext(ByteString ciphertext)
    {
        if (ciphertext.Length < MinCiphertextBytes || ciphertext.Length > _options.MaxCiphertextBytes) throw _badCiphertext;
    }

    public void ValidateAuthToken(ByteString token)
    {
        if (token.Length != SecretKey.AuthTokenSize) throw BadAuthToken;
    }

    /// <summary>A confirmation's size only: its bytes are the reader's client's, opaque to the server (protos/README.md "Read confirmations").</summary>
    public static void ValidateConfirmation(ByteString confirmation)
    {
        if (confirmation.Length is < 1 or > ReadConfirmation.MaxBytes) throw BadConfirmation;
    }

    public TimeSpan GetTimeToLive(Duration? ttl)
    {
        if (ttl is null) return _options.DefaultTtl;

        // Compared in whole nanoseconds: a TimeSpan (100 ns ticks) would round 30 days + 1 ns down into range. Seconds
        // are checked first, so the multiplication below cannot overflow (MaxTtl is at most 365 days).
        var inRange = ttl.Seconds >= 0 && ttl.Nanos is >= 0 and < Duration.NanosecondsPerSecond
            && ttl.Seconds <= (long)_options.MaxTtl.TotalSeconds;
        var nanoseconds = inRange ? ttl.Seconds * Duration.NanosecondsPerSecond + ttl.Nanos : -1;
        if (nanoseconds < ToNanoseconds(_options.MinTtl) || nanoseconds > ToNanoseconds(_options.MaxTtl)) throw _badTtl;

        return TimeSpan.FromTicks(nanoseconds / Duration.NanosecondsPerTick);
    }

    /// <summary>How many views to store: 0 (unset) means 1 (protos/onetime/v1/secrets.proto, StoreRequest.max_views).</summary>
    public int GetViews(uint maxViews)
    {
        if (maxViews > (uint)_options.MaxViews) throw _badViews;
        return maxViews == 0 ? 1 : (int)maxViews;
    }

    public SecretKey GetKey(string id, ByteString token)
    {
        Span<byte> idBytes = stackalloc byte[SecretKey.IdSize];
        if (!SecretId.TryParse(id, idBytes)) throw BadId;
        ValidateAuthToken(token);
        return SecretKey.Create(idBytes, token.Span);
    }

    private static long ToNanoseconds(TimeSpan span) => span.Ticks * Duration.NanosecondsPerTick;

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.Ticks % TimeSpan.TicksPerDay == 0 => Plural((long)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.Ticks % TimeSpan.TicksPerHour == 0 => Plural((long)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.Ticks % TimeSpan.TicksPerMinute == 0 => Plural((long)span.TotalMinutes, "minute"),
        _ => Plural((long)span.TotalSeconds, "second"),
    };

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
