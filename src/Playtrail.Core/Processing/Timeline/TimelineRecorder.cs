namespace Playtrail.Core.Processing.Timeline;

/// <summary>
/// Collects a session's timeline while <see cref="SessionProcessor"/> runs. The processor and its trackers report each
/// decision as they make it (where an interval's time went, an ad opened, a state ended), so the timeline is the
/// processor's own reading of the events, not a second one that could drift from the report. Without a recorder the
/// processor pays a null check per hook, about one per event (measured in <c>docs/benchmarks.md</c>).
/// </summary>
/// <remarks>
/// Every time is the processor's clock, the latest <c>ts</c> seen (<c>docs/metrics.md</c>, "Where time goes"): it starts
/// at the <c>sessionStart</c> and moves by the time the processor gives each interval. An interval playing main content
/// is held while a run of unmoving playheads is undecided, exactly as its time is, and released as playing or stalled
/// when the run is decided.
/// </remarks>
internal sealed class TimelineRecorder
{
    private readonly List<TimelinePlayhead> _playheads = [];
    private readonly List<TimelineInterval> _states = [];
    private readonly List<TimelineInterval> _held = [];
    private readonly List<(long Start, long? End, AdBreakInfo Info)> _breaks = [];
    private readonly List<(long Start, long? End)> _ads = [];
    private readonly List<(long Start, long? End)> _chapters = [];
    private readonly List<(string Name, long Start, long? End)> _playerStates = [];
    private readonly List<TimelineBitrate> _bitrates = [];
    private readonly List<TimelineError> _errors = [];
    private long _now;
    private double _playhead;

    /// <summary>The <c>sessionStart</c> was processed: the clock starts.</summary>
    public void Begin(long ts, double playhead)
    {
        _now = ts;
        _playhead = playhead;
        _playheads.Add(new TimelinePlayhead(ts, playhead));
    }

    /// <summary>
    /// The next event, at <paramref name="playhead"/>, came <paramref name="milliseconds"/> after the previous one (on the
    /// processor's clock) and the interval between them went to <paramref name="state"/>. Called once for every event
    /// processed after the <c>sessionStart</c>, this or <see cref="Hold"/>.
    /// </summary>
    public void Interval(long milliseconds, double playhead, TimelineState state, bool inBreak, bool inAd) =>
        Append(Advance(milliseconds, playhead, state, inBreak, inAd));

    /// <summary>As <see cref="Interval"/>, for main content played in an undecided run: held until <see cref="Release"/>.</summary>
    public void Hold(long milliseconds, double playhead) => _held.Add(Advance(milliseconds, playhead, TimelineState.Playing, inBreak: false, inAd: false));

    /// <summary>The run is decided: its held intervals were play, or a stall.</summary>
    public void Release(bool stalled)
    {
        foreach (var interval in _held)
        {
            Append(stalled ? interval with { State = TimelineState.Stalled } : interval);
        }

        _held.Clear();
    }

    public void BreakStarted(AdBreakInfo info) => _breaks.Add((_now, null, info));

    public void BreakEnded() => _breaks[^1] = _breaks[^1] with { End = _now };

    public void AdStarted() => _ads.Add((_now, null));

    public void AdClosed() => _ads[^1] = _ads[^1] with { End = _now };

    public void ChapterStarted() => _chapters.Add((_now, null));

    public void ChapterClosed() => _chapters[^1] = _chapters[^1] with { End = _now };

    public void PlayerStateStarted(string name) => _playerStates.Add((name, _now, null));

    public void PlayerStateEnded(string name)
    {
        var index = _playerStates.FindLastIndex(state => state.End is null && state.Name == name);
        _playerStates[index] = _playerStates[index] with { End = _now };
    }

    /// <summary>A bitrate was sent; a step when it differs from the one in force.</summary>
    public void Bitrate(double value)
    {
        if (_bitrates.Count == 0 || _bitrates[^1].Value != value)
        {
            _bitrates.Add(new TimelineBitrate(_now, value));
        }
    }

    public void Error(string? errorId, string? source) => _errors.Add(new TimelineError(_now, _playhead, errorId, source));

    /// <summary>The timeline of <paramref name="report"/>, the processor's result for <paramref name="events"/>.</summary>
    public SessionTimeline Build(IReadOnlyList<SessionEvent> events, SessionReport report)
    {
        var last = report.LastEventTs;
        return new SessionTimeline
        {
            Report = report,
            States = [.. _states],
            AdBreaks = _breaks.ConvertAll(b => new TimelineAdBreak(b.Start, b.End ?? last, b.End is null, b.Info.PodIndex, b.Info.PodSecond, b.Info.PodFriendlyName)),
            Ads = [.. _ads.Select((ad, i) => new TimelineAd(ad.Start, ad.End ?? last, ad.End is null, report.Ads[i]))],
            Chapters = [.. _chapters.Select((chapter, i) => new TimelineChapter(chapter.Start, chapter.End ?? last, chapter.End is null, report.Chapters[i]))],
            PlayerStates = _playerStates.ConvertAll(s => new TimelinePlayerState(s.Name, s.Start, s.End ?? last, s.End is null)),
            Bitrate = [.. _bitrates],
            Errors = [.. _errors],
            Playhead = [.. _playheads],
            Events = Events(events, report.Downloaded, report.IgnoredEvents),
        };
    }

    private TimelineInterval Advance(long milliseconds, double playhead, TimelineState state, bool inBreak, bool inAd)
    {
        var interval = new TimelineInterval(_now, _now + milliseconds, _playhead, playhead, state, inBreak, inAd);
        _now += milliseconds;
        _playhead = playhead;
        _playheads.Add(new TimelinePlayhead(_now, playhead));
        return interval;
    }

    /// <summary>Adds an interval, merged into the previous one when its time went to the same place.</summary>
    private void Append(TimelineInterval interval)
    {
        if (_states.Count > 0 && _states[^1] is var last
            && last.State == interval.State && last.InBreak == interval.InBreak && last.InAd == interval.InAd)
        {
            _states[^1] = last with { End = interval.End, EndPlayhead = interval.EndPlayhead };
            return;
        }

        _states.Add(interval);
    }

    private static List<TimelineEvent> Events(IReadOnlyList<SessionEvent> events, bool downloaded, IReadOnlyList<IgnoredEvent> ignored)
    {
        var reasons = new List<string>?[events.Count];
        foreach (var (index, reason) in ignored)
        {
            (reasons[index] ??= []).Add(reason);
        }

        // The processor's order, arranged again rather than recorded, so processing without a recorder pays nothing for it.
        var order = new EventOrder().Arrange(events, downloaded);
        var list = new List<TimelineEvent>(order.Length);
        foreach (var index in order)
        {
            var e = events[index];
            list.Add(new TimelineEvent(index, e.Ts, e.Type, e.Playhead, reasons[index] ?? (IReadOnlyList<string>)[]));
        }

        return list;
    }
}
