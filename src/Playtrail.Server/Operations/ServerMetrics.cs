using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Operations;

/// <summary>
/// The server's instruments on the <c>Playtrail.Server</c> meter, exported by OpenTelemetry (Prometheus text at
/// <c>GET /metrics</c>, OTLP when configured; see docs/operations.md for the names).
/// </summary>
/// <remarks>
/// The counts of sessions, events and refusals are plain interlocked fields read by observable counters at each
/// collection: the ingestion path pays an interlocked add and nothing else, every known series is exported from the
/// start (at zero), and the server reads the same fields itself (<see cref="EventsStored"/>). Requests by route and
/// status are a counter whose series appear as routes are used; durations and sizes are histograms.
/// </remarks>
internal sealed class ServerMetrics
{
    /// <summary>The name of the meter every instrument here belongs to.</summary>
    public const string MeterName = "Playtrail.Server";

    private static readonly KeyValuePair<string, object?> Online = new("kind", "online");
    private static readonly KeyValuePair<string, object?> Downloaded = new("kind", "downloaded");

    /// <summary>The <c>reason</c> label of each <see cref="ShedReason"/>, in its order.</summary>
    private static readonly KeyValuePair<string, object?>[] ShedLabels =
    [
        new("reason", "concurrency"), new("reason", "uploads"), new("reason", "delay"), new("reason", "budget"),
    ];

    /// <summary>Status codes boxed once, so a request's <c>status</c> tag allocates nothing.</summary>
    private static readonly object[] StatusCodes = Enumerable.Range(0, 600).Select(code => (object)code).ToArray();

    private readonly Counter<long> _requests;
    private readonly Histogram<int> _downloadedBatchSize;
    private readonly Histogram<double> _sweepDuration;
    private readonly Histogram<double> _processingDuration;
    private readonly ConcurrentDictionary<(string Method, string Route), string> _routeLabels = new();
    private readonly long[] _shed = new long[ShedLabels.Length];
    private long _onlineSessions;
    private long _downloadedSessions;
    private long _downloadedRepeats;
    private long _onlineEvents;
    private long _downloadedEvents;
    private long _rejectedPayloads;
    private long _sweptSessions;
    private long _processedSessions;
    private long _rateLimited;

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The meter factory owns the meter and disposes it with the service provider.")]
    public ServerMetrics(IMeterFactory meterFactory, IStoreDiagnostics store)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(store);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("playtrail.http.requests", "{request}", "HTTP requests answered, by route and status code.");
        meter.CreateObservableCounter("playtrail.sessions.created", () => ByKind(ref _onlineSessions, ref _downloadedSessions), "{session}",
            "Sessions stored, by kind.");
        meter.CreateObservableCounter("playtrail.events.stored", () => ByKind(ref _onlineEvents, ref _downloadedEvents), "{event}",
            "Events stored, by kind of session.");
        meter.CreateObservableCounter("playtrail.downloaded.repeats", () => Interlocked.Read(ref _downloadedRepeats), "{upload}",
            "Downloaded uploads recognised as repeats and not stored again.");
        meter.CreateObservableCounter("playtrail.payloads.rejected", () => Interlocked.Read(ref _rejectedPayloads), "{payload}",
            "Payloads rejected by validation (400).");
        meter.CreateObservableCounter("playtrail.sessions.timed_out", () => Interlocked.Read(ref _sweptSessions), "{session}",
            "Online sessions closed by the sweeper.");
        meter.CreateObservableCounter("playtrail.sessions.processed", () => Interlocked.Read(ref _processedSessions), "{session}",
            "Closed sessions processed into reports and rollups.");
        meter.CreateObservableCounter("playtrail.writes.shed", ShedByReason, "{write}",
            "Writes answered 503 by admission control, unrun, by reason.");
        meter.CreateObservableCounter("playtrail.requests.rate_limited", () => Interlocked.Read(ref _rateLimited), "{request}",
            "Requests answered 429 by the per-client rate limit.");
        meter.CreateObservableCounter("playtrail.store.commits", () => store.CommittedTransactions, "{transaction}",
            "Write transactions committed by the store (each holds a batch of requests).");
        meter.CreateObservableGauge("playtrail.store.queued_writes", () => store.QueuedWrites, "{write}",
            "Writes waiting for the store's writer.");
        meter.CreateObservableCounter("playtrail.store.writer.busy", () => store.WriterBusy.TotalSeconds, "s",
            "Wall time the store's writer spent committing batches; its rate near 1 on SQLite means the one writer is the limit.");
        _downloadedBatchSize = meter.CreateHistogram("playtrail.downloaded.batch.size", "{event}", "Events in each downloaded session stored.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] });
        _sweepDuration = meter.CreateHistogram("playtrail.sweep.duration", "s", "Time of one sweeper pass: closing timed-out sessions and processing them.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _processingDuration = meter.CreateHistogram("playtrail.session.processing.duration", "s",
            "Time to process one closed session: read its events, run the processor, store the report.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Seconds, from a millisecond to a minute: a sweep or a session's processing takes anywhere in between.</summary>
    private static double[] DurationBuckets => [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Events stored so far, online and downloaded: the work that fills caches and heaps.</summary>
    public long EventsStored => Interlocked.Read(ref _onlineEvents) + Interlocked.Read(ref _downloadedEvents);

    /// <summary>Counts an answered request by method and route template (never the raw path, which holds session ids) and status.</summary>
    public void Request(string method, string route, int status)
    {
        if (!_requests.Enabled)
        {
            return;
        }

        var label = _routeLabels.GetOrAdd((method, route), static key => key.Method + " " + key.Route);
        var code = (uint)status < (uint)StatusCodes.Length ? StatusCodes[status] : status;
        _requests.Add(1, new KeyValuePair<string, object?>("route", label), new KeyValuePair<string, object?>("status", code));
    }

    public void OnlineSessionStarted()
    {
        Interlocked.Increment(ref _onlineSessions);
        Interlocked.Increment(ref _onlineEvents);
    }

    public void OnlineEventAccepted() => Interlocked.Increment(ref _onlineEvents);

    public void DownloadedSessionStored(int events)
    {
        Interlocked.Increment(ref _downloadedSessions);
        Interlocked.Add(ref _downloadedEvents, events);
        _downloadedBatchSize.Record(events);
    }

    public void DownloadedUploadRepeated() => Interlocked.Increment(ref _downloadedRepeats);

    public void PayloadRejected() => Interlocked.Increment(ref _rejectedPayloads);

    /// <summary>Records one sweeper pass: how many sessions it closed and how long it took.</summary>
    public void SweepFinished(int closed, TimeSpan elapsed)
    {
        Interlocked.Add(ref _sweptSessions, closed);
        _sweepDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>Records one closed session processed (<paramref name="stored"/> false when another node or call stored it first).</summary>
    public void SessionProcessed(bool stored, TimeSpan elapsed)
    {
        if (stored)
        {
            Interlocked.Increment(ref _processedSessions);
        }

        _processingDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>Counts a write refused with 503 by admission control.</summary>
    public void WriteShed(ShedReason reason) => Interlocked.Increment(ref _shed[(int)reason]);

    /// <summary>Counts a request refused with 429 by the per-client rate limit.</summary>
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    private static Measurement<long>[] ByKind(ref long online, ref long downloaded) =>
        [new(Interlocked.Read(ref online), Online), new(Interlocked.Read(ref downloaded), Downloaded)];

    private Measurement<long>[] ShedByReason()
    {
        var measurements = new Measurement<long>[_shed.Length];
        for (var i = 0; i < measurements.Length; i++)
        {
            measurements[i] = new Measurement<long>(Interlocked.Read(ref _shed[i]), ShedLabels[i]);
        }

        return measurements;
    }
}
