using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace OneTime.Server.Metrics;

/// <summary>
/// Collects the "OneTime" meter of this app with a <see cref="MeterListener"/> and writes it in the Prometheus text
/// exposition format (prometheus.io/docs/instrumenting/exposition_formats): counters as <c>_total</c>, histograms
/// as cumulative <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, MetricSeries>> _series = new();

    public PrometheusExporter(OneTimeMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this app's meter: other servers in the process have their own.
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, MetricSeries>(StringComparer.Ordinal));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public string Write()
    {
        // Observable instruments (e.g. the memory store's expiry count) report when asked, and they are asked now.
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(pair => pair.Key.Name, StringComparer.Ordinal))
        {
            var histogram = instrument is Histogram<double>;
            var name = PrometheusName(instrument) + (histogram ? string.Empty : "_total");
            text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
            text.Append("# TYPE ").Append(name).Append(histogram ? " histogram\n" : " counter\n");
            foreach (var one in series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                var (sum, count, buckets) = one.Snapshot();
                if (buckets is null)
                {
                    AppendSample(text, name, one.Labels, sum);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < buckets.Length; i++)
                {
                    cumulative += buckets[i];
                    var le = i < one.Bounds!.Length ? one.Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    AppendSample(text, name + "_bucket", Join(one.Labels, $"le=\"{le}\""), cumulative);
                }

                AppendSample(text, name + "_sum", one.Labels, sum);
                AppendSample(text, name + "_count", one.Labels, count);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        if (!_series.TryGetValue(instrument, out var series)) return;
        var labels = FormatLabels(tags);
        var bounds = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries?.ToArray();
        var one = series.GetOrAdd(labels, static (key, b) => new MetricSeries(key, b), bounds);
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (instrument.IsObservable) one.Set(number);
        else one.Add(number);
    }

    private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return string.Empty;
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            pairs.Add($"{key}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    // The text format escapes backslash, double quote and line feed in label values.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Join(string labels, string more) => labels.Length == 0 ? more : labels + "," + more;

    private static void AppendSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        var suffix = instrument.Unit switch { "s" => "_seconds", "By" => "_bytes", _ => string.Empty };
        return suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal) ? name + suffix : name;
    }
}
