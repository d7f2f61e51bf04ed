using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// Folds a session's events into its report and analytics calls: the one processor behind online and downloaded
/// sessions (docs/decisions/0009-one-processor-event-order.md). Pure: no I/O, no clock; all time comes from the events'
/// <c>ts</c>.
/// </summary>
/// <remarks>
/// An instance keeps its working buffers between sessions, so once warmed up, events that carry no new ad, chapter,
/// state or error allocate nothing; what a session allocates is its report. An instance is not thread-safe: use one
/// per thread, or <see cref="Process"/>. <c>docs/metrics.md</c> defines every metric as computed here. A report's custom
/// metadata reads its values from the events' <see cref="SessionEvent.Json"/> (docs/benchmarks.md, "Memory of one
/// maximal upload"): keep that memory as it is for as long as the report is used.
/// </remarks>
public sealed class SessionProcessor
{
    private readonly EventOrder _order = new();
    private readonly List<IgnoredEvent> _ignored = [];
    private readonly List<CallEntry> _calls = [];
    private readonly AdTracker _ads = new();
    private readonly ChapterTracker _chapters = new();
    private readonly StateTracker _states = new();
    private readonly QoeTracker _qoe = new();
    private readonly PlaybackTimeline _timeline;
    private TimelineRecorder? _recorder;
    private MediaInfo _media = MediaInfo.Empty;
    private bool _started;
    private bool _complete;
    private SessionCloseKind? _closedBy;
    private long _firstTs;
    private long _clock;
    private int _clockAnomalies;

    /// <summary>Creates a processor with empty buffers.</summary>
    public SessionProcessor() => _timeline = new PlaybackTimeline(_ads, _chapters, _qoe);

    /// <summary>Processes one session with a new processor. Prefer a reused instance and <see cref="Run(IReadOnlyList{SessionEvent}, SessionContext)"/> on hot paths.</summary>
    /// <param name="events">The session's events in arrival order (online) or array order (downloaded).</param>
    /// <param name="context">The session id, whether it was downloaded, and how it was closed.</param>
    public static SessionReport Process(IReadOnlyList<SessionEvent> events, SessionContext context) => new SessionProcessor().Run(events, context);

    /// <summary>Processes one session, reusing this instance's buffers. Never throws for any list of events.</summary>
    /// <param name="events">The session's events in arrival order (online) or array order (downloaded).</param>
    /// <param name="context">The session id, whether it was downloaded, and how it was closed.</param>
    public SessionReport Run(IReadOnlyList<SessionEvent> events, SessionContext context) => Run(events, context, recorder: null);

    /// <summary>Processes one session, reporting every decision to <paramref name="recorder"/> when one is given.</summary>
    internal SessionReport Run(IReadOnlyList<SessionEvent> events, SessionContext context, TimelineRecorder? recorder)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(context);
        Reset(context, recorder);
        foreach (var index in _order.Arrange(events, context.Downloaded))
        {
            Step(index, events[index]);
        }

        return Finish(events.Count, context);
    }

    private void Reset(SessionContext context, TimelineRecorder? recorder)
    {
        _recorder = recorder;
        _timeline.Recorder = recorder;
        _ads.Recorder = recorder;
        _chapters.Recorder = recorder;
        _states.Recorder = recorder;
        _qoe.Recorder = recorder;
        _ignored.Clear();
        _calls.Clear();
        _states.Reset();
        _qoe.Reset();
        _ads.Reset("", []);
        _chapters.Reset("", []);
        _timeline.Reset(0, 0);
        _media = MediaInfo.Empty with { Downloaded = context.Downloaded };
        _started = _complete = false;
        _closedBy = null;
        _firstTs = _clock = 0;
        _clockAnomalies = 0;
    }

    private void Step(int index, SessionEvent e)
    {
        if (!_started)
        {
            if (e.Type == EventType.SessionStart)
            {
                Start(index, e);
            }
            else
            {
                Ignore(index, IgnoreReasons.BeforeSessionStart);
            }

            return;
        }

        if (_closedBy is not null || e.Type == EventType.SessionStart)
        {
            Ignore(index, _closedBy is not null ? IgnoreReasons.AfterClose : IgnoreReasons.DuplicateSessionStart);
            return;
        }

        var elapsed = e.Ts - _clock;
        var clockAnomaly = elapsed < 0;
        if (clockAnomaly)
        {
            // Time never runs backwards: the gap counts as zero and later gaps are measured from the latest ts seen.
            _clockAnomalies++;
            Ignore(index, IgnoreReasons.ClockAnomaly);
            elapsed = 0;
        }
        else
        {
            _clock = e.Ts;
        }

        _timeline.Elapse(elapsed, e.Playhead, clockAnomaly);
        if (!TryApply(index, e))
        {
            Ignore(index, IgnoreReasons.Unreadable);
        }

        _timeline.Observe(e.Playhead);
    }

    private void Start(int index, SessionEvent e)
    {
        _started = true;
        _firstTs = _clock = e.Ts;
        _recorder?.Begin(e.Ts, e.Playhead);
        try
        {
            _media = MediaReader.Read(e.Json, _media.Downloaded);
            _qoe.Observe(QoeReader.Read(e.Json.Span, isError: false), e.Type);
        }
        catch (Exception exception) when (IsJsonFailure(exception))
        {
            Ignore(index, IgnoreReasons.Unreadable);
        }

        var idPrefix = ContentIds.Prefix(_media.Id);
        _ads.Reset(idPrefix, _media.CustomMetadata);
        _chapters.Reset(idPrefix, _media.CustomMetadata);
        _timeline.Reset(_media.Length, e.Playhead);
        _calls.Add(new CallEntry(AnalyticsCallTypes.Start, -1, e.Ts));
    }

    /// <summary>Applies an event's meaning; false when its JSON cannot be read (readers finish before anything changes).</summary>
    private bool TryApply(int index, SessionEvent e)
    {
        try
        {
            var json = e.Json.Span;
            var qoe = QoeReader.Read(json, e.Type == EventType.Error);
            Apply(index, e);
            _qoe.Observe(qoe, e.Type);
            return true;
        }
        catch (Exception exception) when (IsJsonFailure(exception))
        {
            return false;
        }
    }

    private void Apply(int index, SessionEvent e)
    {
        switch (e.Type)
        {
            case EventType.Play:
                _timeline.Play(e.Playhead);
                break;
            case EventType.PauseStart:
                _timeline.PauseStart();
                break;
            case EventType.BufferStart:
                _timeline.BufferStart();
                break;
            case EventType.AdBreakStart:
                var adBreak = AdReader.ReadBreak(e.Json.Span);
                if (_ads.InBreak)
                {
                    Ignore(index, IgnoreReasons.AdBreakOverlap);
                    EndBreak();
                }

                _ads.StartBreak(adBreak);
                break;
            case EventType.AdBreakComplete when !_ads.InBreak:
                Ignore(index, IgnoreReasons.AdBreakNotStarted);
                break;
            case EventType.AdBreakComplete:
                EndBreak();
                break;
            case EventType.AdStart or EventType.AdComplete or EventType.AdSkip when !_ads.InBreak:
                Ignore(index, IgnoreReasons.AdOutsideBreak);
                break;
            case EventType.AdStart:
                var (ad, adMetadata) = AdReader.ReadAd(e.Json);
                if (_ads.AdOpen)
                {
                    Ignore(index, IgnoreReasons.AdOverlap);
                    CloseAd(complete: false, skipped: false);
                }

                _calls.Add(new CallEntry(AnalyticsCallTypes.AdStart, _ads.Start(ad, adMetadata), e.Ts));
                _timeline.AdStarted();
                break;
            case EventType.AdComplete or EventType.AdSkip when !_ads.AdOpen:
                Ignore(index, IgnoreReasons.AdNotStarted);
                break;
            case EventType.AdComplete or EventType.AdSkip:
                CloseAd(complete: e.Type == EventType.AdComplete, skipped: e.Type == EventType.AdSkip);
                break;
            case EventType.ChapterStart:
                var (chapter, chapterMetadata) = ChapterReader.Read(e.Json);
                if (_chapters.IsOpen)
                {
                    Ignore(index, IgnoreReasons.ChapterOverlap);
                    CloseChapter(complete: false, skipped: true);
                }

                _chapters.Start(chapter, chapterMetadata);
                break;
            case EventType.ChapterComplete or EventType.ChapterSkip when !_chapters.IsOpen:
                Ignore(index, IgnoreReasons.ChapterNotStarted);
                break;
            case EventType.ChapterComplete or EventType.ChapterSkip:
                CloseChapter(complete: e.Type == EventType.ChapterComplete, skipped: e.Type == EventType.ChapterSkip);
                break;
            case EventType.StateStart or EventType.StateEnd or EventType.StatesUpdate:
                _states.Apply(e.Json.Span, e.Type, _clock, index, _ignored);
                break;
            case EventType.SessionComplete:
                _complete = true;
                _closedBy = SessionCloseKind.Complete;
                break;
            case EventType.SessionEnd:
                _closedBy = SessionCloseKind.End;
                break;
        }
    }

    private void EndBreak()
    {
        if (_ads.AdOpen)
        {
            CloseAd(complete: false, skipped: false);
        }

        _ads.EndBreak();
        _timeline.BreakEnded();
    }

    private void CloseAd(bool complete, bool skipped) =>
        _calls.Add(new CallEntry(AnalyticsCallTypes.AdClose, _ads.Close(complete, skipped), _clock));

    private void CloseChapter(bool complete, bool skipped) =>
        _calls.Add(new CallEntry(AnalyticsCallTypes.ChapterClose, _chapters.Close(complete, skipped), _clock));

    private void Ignore(int index, string reason) => _ignored.Add(new IgnoredEvent(index, reason));

    private SessionReport Finish(int eventCount, SessionContext context)
    {
        var close = _closedBy ?? context.Close;
        if (close != SessionCloseKind.Open && _started)
        {
            if (_ads.InBreak)
            {
                EndBreak();
            }

            if (_chapters.IsOpen)
            {
                CloseChapter(complete: false, skipped: false);
            }
        }

        _timeline.Finish();
        var report = new SessionReport
        {
            SessionId = context.SessionId,
            Downloaded = context.Downloaded,
            Close = close,
            FirstEventTs = _firstTs,
            LastEventTs = _clock,
            EventCount = eventCount,
            IgnoredEvents = [.. _ignored],
            Media = _media,
            Metrics = SessionMetricsBuilder.Build(_timeline, _media, _complete, _started, close, context, _ads.Count, _chapters.Count, _clockAnomalies),
            Qoe = _qoe.Build(_timeline.BufferCount, _timeline.BufferMilliseconds, _timeline.StallCount, _timeline.StallMilliseconds),
            States = _states.Build(_clock),
            Ads = _ads.Build(),
            Chapters = _chapters.Build(),
            Calls = [],
        };
        return report with { Calls = AnalyticsCallBuilder.Build(report, _calls) };
    }

    private static bool IsJsonFailure(Exception exception) =>
        exception is JsonException
        || (exception is InvalidOperationException && exception.TargetSite?.DeclaringType?.Assembly == typeof(Utf8JsonReader).Assembly);
}
