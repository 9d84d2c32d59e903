using System.Diagnostics.Metrics;
using OneTime.Server.Grpc;
using OneTime.Server.Storage;

namespace OneTime.Server.Metrics;

/// <summary>
/// The "OneTime" meter: what happened to secrets (counts and ciphertext bytes, never anything identifying one) and
/// how long each call took by method and status. Created from the app's <see cref="IMeterFactory"/>, so two servers
/// in one process (tests) keep separate numbers.
/// </summary>
internal sealed class OneTimeMetrics : IGrpcCallListener
{
    public const string MeterName = "OneTime";

    // Seconds; from well under a millisecond (memory store) to Redis's command timeout.
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _stored;
    private readonly Counter<long> _storedBytes;
    private readonly Counter<long> _read;
    private readonly Counter<long> _readBytes;
    private readonly Counter<long> _notFound;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _duration;

    public OneTimeMetrics(IMeterFactory meterFactory, ISecretStore store)
    {
        Meter = meterFactory.Create(MeterName);
        _stored = Meter.CreateCounter<long>("onetime.secrets.stored", description: "Secrets stored.");
        _storedBytes = Meter.CreateCounter<long>("onetime.secrets.stored.bytes", "By", "Ciphertext bytes stored.");
        _read = Meter.CreateCounter<long>("onetime.secrets.read", description: "Secrets read (and so deleted).");
        _readBytes = Meter.CreateCounter<long>("onetime.secrets.read.bytes", "By", "Ciphertext bytes read.");
        _notFound = Meter.CreateCounter<long>("onetime.secrets.not_found", description: "Reads and probes of a secret that was gone, expired or never existed.");
        _rejected = Meter.CreateCounter<long>("onetime.requests.rejected", description: "Calls refused, by reason.");
        if (store is IExpiryCounter expiries)
        {
            Meter.CreateObservableCounter("onetime.secrets.expired", () => expiries.ExpiredCount,
                description: "Secrets that expired unread (memory store; Redis expires keys unseen).");
        }

        _duration = Meter.CreateHistogram<double>("onetime.rpc.server.duration", "s", "Call duration by method and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public Meter Meter { get; }

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

    /// <param name="reason">A fixed word: rate_limited, invalid_argument, resource_exhausted.</param>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallCompleted(string method, StatusCode status, TimeSpan elapsed)
    {
        var statusName = StatusNames.Get(status);
        _duration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("status", statusName));
        if (status is StatusCode.InvalidArgument or StatusCode.ResourceExhausted)
        {
            Rejected(statusName.ToLowerInvariant());
        }
    }
}
