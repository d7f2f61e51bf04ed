using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// Processing a realistic 500-event downloaded session (pre-roll and mid-roll ads with 1 s ad pings, 10 s content
/// pings, pauses, buffering, bitrate changes, chapters, a player state) into its report and calls. Two baselines from
/// the same run frame the number: a bare walk over the events (the floor) and validating the same session's bytes
/// (the cost ingestion already pays per event), so the processor's cost reads as a ratio. The timeline row is the
/// same processing with a recorder, for the dashboard's on-demand timeline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SessionProcessingBenchmarks
{
    public const int EventCount = 500;

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(BuildSession(EventCount));

    private readonly List<ParsedEvent> _parsed = new(EventCount);
    private readonly ErrorCollector _errors = new();
    private readonly SessionProcessor _processor = new();
    private readonly SessionContext _context = new("bench", Downloaded: true, SessionCloseKind.EndOfArray);
    private List<SessionEvent> _events = [];

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new PerEventColumn());
    }

    [GlobalSetup]
    public void Setup()
    {
        if (!Validate())
        {
            throw new InvalidOperationException("The benchmark session must be valid: " + string.Join("; ", _errors.Errors.Select(e => e.Pointer + " " + e.Message)));
        }

        _events = _parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(Payload)));
        var report = _processor.Run(_events, _context);
        Console.WriteLine($"// session: {_events.Count} events, {Payload.Length} bytes, {report.Ads.Count} ads, {report.Chapters.Count} chapters, " +
            $"{report.Calls.Count} calls, {report.Metrics.PauseCount} pauses, {report.Qoe.BitrateChangeCount} bitrate changes, " +
            $"timePlayed {report.Metrics.TimePlayed} s, ignored {report.IgnoredEvents.Count}");
        if (_events.Count != EventCount || report.IgnoredEvents.Count != 0)
        {
            throw new InvalidOperationException("The benchmark session must hold 500 events, none ignored: " +
                string.Join(", ", report.IgnoredEvents.Select(e => $"{e.Index} {e.Reason}")));
        }
    }

    [Benchmark(Description = "Walk the events, read type and ts (floor)")]
    public long WalkEvents()
    {
        long sum = 0;
        foreach (var e in _events)
        {
            sum += e.Ts + (int)e.Type;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "PayloadValidator on the same session's bytes")]
    public bool Validate()
    {
        _parsed.Clear();
        _errors.Clear();
        return PayloadValidator.Validate(Payload, IngestionRoute.Downloaded, _parsed, _errors).IsValid;
    }

    [Benchmark(Description = "SessionProcessor.Run (reused instance)")]
    public SessionReport ProcessReused() => _processor.Run(_events, _context);

    [Benchmark(Description = "SessionProcessor.Process (new instance)")]
    public SessionReport ProcessNew() => SessionProcessor.Process(_events, _context);

    [Benchmark(Description = "SessionTimeline.Build (new instance, recording)")]
    public SessionTimeline BuildTimeline() => SessionTimeline.Build(_events, _context);

    [Benchmark(Description = "SessionTimeline.Build + SessionTimelineJson (the timeline route)")]
    public byte[] TimelineJson() => SessionTimelineJson.ToUtf8Bytes(SessionTimeline.Build(_events, _context));

    /// <summary>sessionStart, a pre-roll of two 15 s ads, then content with chapters, pauses, buffering, bitrate changes and mid-rolls.</summary>
    private static string BuildSession(int count)
    {
        var events = new List<string> { Samples.SessionStart(1_700_000_000_000, downloaded: true, extraParams: "\"media.show\": \"Bench\"").Replace("\"media.length\": 35", "\"media.length\": 7200", StringComparison.Ordinal) };
        var ts = 1_700_000_000_000L;
        var playhead = 0.0;
        var podIndex = 0;
        var chapter = 0;

        void Add(string json) => events.Add(json);
        string At(string type, string? extra = null) =>
            $$"""{"eventType": "{{type}}", "playerTime": {"playhead": {{playhead.ToString(CultureInfo.InvariantCulture)}}, "ts": {{ts}}}{{extra}}}""";
        void Break(int ads)
        {
            ts += 1;
            Add(At("adBreakStart", $$""", "params": {"media.ad.podIndex": {{podIndex}}, "media.ad.podSecond": {{playhead.ToString(CultureInfo.InvariantCulture)}}, "media.ad.podFriendlyName": "pod-{{podIndex}}"}"""));
            for (var ad = 1; ad <= ads; ad++)
            {
                ts += 1;
                Add(At("adStart", $$""", "params": {"media.ad.id": "ad-{{podIndex}}-{{ad}}", "media.ad.length": 15, "media.ad.podPosition": {{ad}}, "media.ad.playerName": "bench", "media.ad.advertiser": "Acme"}, "customMetadata": {"campaign.region": "emea"}"""));
                for (var second = 1; second < 15; second++)
                {
                    ts += 1000;
                    Add(At("ping"));
                }

                ts += 1000;
                Add(At("adComplete"));
            }

            ts += 1;
            Add(At("adBreakComplete"));
            podIndex++;
            ts += 1;
            Add(At("play"));
        }

        Break(2);
        ts += 1;
        Add(At("stateStart", """, "params": {"media.state.name": "fullscreen"}"""));
        for (var n = 1; events.Count < count - 1; n++)
        {
            if (n % 45 == 0)
            {
                if (chapter > 0)
                {
                    ts += 1;
                    Add(At("chapterComplete"));
                }

                ts += 1;
                Add(At("chapterStart", $$""", "params": {"media.chapter.index": {{++chapter}}, "media.chapter.offset": {{playhead.ToString(CultureInfo.InvariantCulture)}}, "media.chapter.length": 400}"""));
            }
            else if (n % 150 == 0 && count - events.Count > 40)
            {
                Break(1);
            }
            else if (n % 30 == 0)
            {
                ts += 2000;
                playhead += 2;
                Add(At("pauseStart"));
                ts += 10_000;
                Add(At("ping"));
                ts += 5000;
                Add(At("play"));
            }
            else if (n % 55 == 0)
            {
                ts += 3000;
                playhead += 3;
                Add(At("bufferStart"));
                ts += 2000;
                Add(At("play"));
            }
            else if (n % 20 == 0)
            {
                ts += 1000;
                playhead += 1;
                Add(At("bitrateChange", $$""", "qoeData": {"media.qoe.bitrate": {{1000 + (n % 7 * 250)}}, "media.qoe.droppedFrames": {{n / 20}}}"""));
            }
            else
            {
                ts += 10_000;
                playhead += 10;
                Add(At("ping"));
            }
        }

        events.RemoveRange(count - 1, events.Count - (count - 1));
        ts += 1000;
        Add(At("sessionComplete"));
        return "[" + string.Join(",\n", events) + "]";
    }

    /// <summary>Mean nanoseconds per event of the session (the mean time of one operation divided by 500).</summary>
    private sealed class PerEventColumn : IColumn
    {
        public string Id => nameof(PerEventColumn);
        public string ColumnName => "ns/event";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Mean nanoseconds per event (mean / 500 events)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (statistics.Mean / EventCount).ToString("F1", CultureInfo.InvariantCulture)
                : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
