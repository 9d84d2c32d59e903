using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using OneTime.Server.Storage;

namespace OneTime.Server.Metrics;

/// <summary>
/// The "OneTime" meter: what happened to secrets (counts and ciphertext bytes, never anything identifying one) and
/// how long each call took by method and status. Created from the app's <see cref="IMeterFactory"/>; OpenTelemetry
/// exports it (<see cref="MetricsExtensions"/>).
/// </summary>
internal sealed class OneTimeMetrics
{
    public const string MeterName = "OneTime";

    // Seconds; from well under a millisecond (memory store) to Redis's command timeout.
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // The label sets of every (method, status) pair, built once: a call records without allocating its tags.
    private static readonly KeyValuePair<string, object?>[][][] CallTags = BuildCallTags();

    private static readonly KeyValuePair<string, object?>[] InvalidArgumentTag = [new("reason", "invalid_argument")];
    private static readonly KeyValuePair<string, object?>[] ResourceExhaustedTag = [new("reason", "resource_exhausted")];
    private static readonly KeyValuePair<string, object?>[] RateLimitedTag = [new("reason", "rate_limited")];
    private static readonly KeyValuePair<string, object?>[] BurnRequestedTag = [new("reason", "requested")];
    private static readonly KeyValuePair<string, object?>[] WrongAttemptsTag = [new("reason", "wrong_attempts")];

    private readonly Counter<long> _stored;
    private readonly Counter<long> _storedBytes;
    private readonly Counter<long> _read;
    private readonly Counter<long> _readBytes;
    private readonly Counter<long> _notFound;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _burned;
    private readonly Counter<long> _confirmed;
    private readonly Histogram<double> _duration;

    public OneTimeMetrics(IMeterFactory meterFactory, ISecretStore store)
    {
        Meter = meterFactory.Create(MeterName);
        _stored = Meter.CreateCounter<long>("onetime.secrets.stored", description: "Secrets stored.");
        // The Prometheus exporter appends a unit ("By": _bytes) only where the name does not already end in it.
        _storedBytes = Meter.CreateCounter<long>("onetime.secrets.stored.bytes", "By", "Ciphertext bytes stored.");
        _read = Meter.CreateCounter<long>("onetime.secrets.read", description: "Secrets read (and so deleted).");
        _readBytes = Meter.CreateCounter<long>("onetime.secrets.read.bytes", "By", "Ciphertext bytes read.");
        _notFound = Meter.CreateCounter<long>("onetime.secrets.not_found", description: "Reads and probes of a secret that was gone, expired or never existed.");
        _rejected = Meter.CreateCounter<long>("onetime.requests.rejected", description: "Calls refused, by reason.");
        _burned = Meter.CreateCounter<long>("onetime.secrets.burned",
            description: "Secrets deleted unread, by reason: a Burn call (requested) or too many wrong tokens (wrong_attempts).");
        _confirmed = Meter.CreateCounter<long>("onetime.secrets.confirmed",
            description: "Read receipts the reader's client confirmed (ConfirmRead); the confirmations themselves are never seen.");
        if (store is IExpiryCounter expiries)
        {
            Meter.CreateObservableCounter("onetime.secrets.expired", () => expiries.ExpiredCount,
                description: "Secrets that expired unread (memory store; Redis expires keys unseen).");
        }

        // The unit "s" makes the Prometheus exporter append "_seconds": onetime_rpc_server_duration_seconds.
        _duration = Meter.CreateHistogram<double>("onetime.rpc.server.duration", "s", "Call duration by method and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public Meter Meter { get; }

    /// <summary>
    /// Puts every counter on <c>/metrics</c> at zero from the start: a series that appears only with its first event
    /// reads as "no data" rather than "none yet", and rate() over it misses that first event.
    /// </summary>
    public void RecordZeros()
    {
        foreach (var counter in new[] { _stored, _storedBytes, _read, _readBytes, _notFound, _confirmed }) counter.Add(0);
        foreach (var reason in new[] { InvalidArgumentTag, ResourceExhaustedTag, RateLimitedTag }) _rejected.Add(0, reason);
        foreach (var reason in new[] { BurnRequestedTag, WrongAttemptsTag }) _burned.Add(0, reason);
    }

    public void Stored(int bytes)
    {
        _stored.Add(1);
        _storedBytes.Add(bytes);
    }

    public void Read(int bytes)
    {
        _read.Add(1);
        _readBytes.Add(bytes);
    }

    public void NotFound() => _notFound.Add(1);

    public void Burned() => _burned.Add(1, BurnRequestedTag);

    public void Confirmed() => _confirmed.Add(1);

    public void BurnedByWrongTokens() => _burned.Add(1, WrongAttemptsTag);

    public void RateLimited() => _rejected.Add(1, RateLimitedTag);

    /// <param name="started">The <see cref="Stopwatch.GetTimestamp"/> taken when the call began.</param>
    public void CallCompleted(RpcMethod method, StatusCode status, long started)
    {
        var code = (int)status;
        if ((uint)code >= StatusNames.Count) code = (int)StatusCode.Unknown;
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, CallTags[(int)method][code]);
        if (status == StatusCode.InvalidArgument) _rejected.Add(1, InvalidArgumentTag);
        else if (status == StatusCode.ResourceExhausted) _rejected.Add(1, ResourceExhaustedTag);
    }

    private static KeyValuePair<string, object?>[][][] BuildCallTags() =>
        Enum.GetValues<RpcMethod>().Select(method => Enumerable.Range(0, StatusNames.Count)
            .Select(code => new KeyValuePair<string, object?>[]
            {
                new("method", "/onetime.v1.SecretService/" + method),
                new("status", StatusNames.Get((StatusCode)code)),
            })
            .ToArray()).ToArray();
}
