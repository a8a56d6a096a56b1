using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.Eventing.Tests.Support;

/// <summary>
/// Listens to the G2B.Eventing instruments of one app only: every app of the test process has its own
/// meter of that name, told apart by the meter factory that made it (the meter's scope).
/// </summary>
public sealed class EventingMetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, string? Tag)> _measurements = new();

    public EventingMetricsRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var t in tags)
            {
                if (t.Key is "topic" or "store")
                {
                    tag = t.Value as string;
                }
            }

            _measurements.Enqueue((instrument.Name, value, tag));
        });
        _listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> counted for <paramref name="tag"/> (a topic, or a store for the gauge).</summary>
    public long Total(string instrument, string tag) =>
        _measurements.Where(m => m.Instrument == instrument && m.Tag == tag).Sum(m => m.Value);

    /// <summary>The value an observable gauge reports now, for <paramref name="tag"/>; null when it reports nothing for it.</summary>
    public long? Observe(string instrument, string tag)
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument && m.Tag == tag).Select(m => (long?)m.Value).LastOrDefault();
    }

    public void Dispose() => _listener.Dispose();
}
