using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// The player state and where time goes (docs/decisions/0010-durations-from-ts.md): the time between two consecutive
/// events goes to the state that held between them. Playing inside an ad break counts for the open ad (none between
/// ads); playing outside a break is main content, which also feeds unique time, the segment, chapters, the bitrate
/// average and stall detection.
/// </summary>
/// <remarks>
/// A stall (docs/reference/media-collection-api.md#stalls) is a run of at least <see cref="StallEvents"/> consecutive
/// events while playing main content with the same playhead, lasting at least <see cref="MinimumStallMilliseconds"/>.
/// The run starts at the event where the playhead last moved (or where main-content playing began) and ends at the next
/// event that moves the playhead or leaves the state. Its whole duration is stall time instead of play time, and it
/// counts as one stall. The minimum duration keeps bursts such as <c>play</c>, <c>chapterStart</c>, <c>stateStart</c>
/// sent within milliseconds at one playhead from reading as stalls: playheads often move in whole seconds, so a shorter
/// run cannot show movement. Time in a run is held back until the run is decided, then credited as play or as stall.
/// </remarks>
internal sealed class PlaybackTimeline(AdTracker ads, ChapterTracker chapters, QoeTracker qoe)
{
    public const int StallEvents = 3;

    public const long MinimumStallMilliseconds = 1000;

    private readonly List<PlayCredit> _pending = [];
    private readonly PlayedRanges _ranges = new();
    private readonly ProgressMarkers _markers = new();
    private double _length;
    private double _lastPlayhead;
    private double _segmentMin;
    private double _segmentMax;
    private bool _runActive;
    private bool _runIsStall;
    private double _runPlayhead;
    private int _runEvents;
    private long _runMilliseconds;

    public PlayerState State { get; private set; }

    /// <summary>Told where each interval's time went, when a timeline is being recorded.</summary>
    public TimelineRecorder? Recorder { get; set; }

    /// <summary>A <c>play</c> outside any ad break was seen.</summary>
    public bool ContentStarted { get; private set; }

    public long MainPlayMilliseconds { get; private set; }

    public long AdPlayMilliseconds { get; private set; }

    public long PauseMilliseconds { get; private set; }

    public long BufferMilliseconds { get; private set; }

    public long StallMilliseconds { get; private set; }

    public int PauseCount { get; private set; }

    public int BufferCount { get; private set; }

    public int StallCount { get; private set; }

    public ProgressMarkers Markers => _markers;

    public double UniqueTimePlayed => _ranges.Total();

    /// <summary>The minutes of content played, first (rounded down) to last (rounded up), e.g. 0 s to 35 s is <c>"0-1"</c>.</summary>
    public string? Segment => ContentStarted
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(long)Math.Floor(_segmentMin / 60)}-{(long)Math.Ceiling(_segmentMax / 60)}")
        : null;

    public void Reset(double length, double playhead)
    {
        _pending.Clear();
        _ranges.Clear();
        _markers.Reset();
        _length = length;
        _lastPlayhead = playhead;
        _runActive = _runIsStall = false;
        State = PlayerState.Starting;
        ContentStarted = false;
        MainPlayMilliseconds = AdPlayMilliseconds = PauseMilliseconds = BufferMilliseconds = StallMilliseconds = 0;
        PauseCount = BufferCount = StallCount = 0;
    }

    /// <summary>Gives the <paramref name="milliseconds"/> since the previous event to the state that held, ending at <paramref name="playhead"/>.</summary>
    public void Elapse(long milliseconds, double playhead, bool clockAnomaly)
    {
        switch (State)
        {
            case PlayerState.Playing when ads.InBreak:
                if (ads.AdOpen)
                {
                    ads.Credit(milliseconds);
                    AdPlayMilliseconds += milliseconds;
                }

                Recorder?.Interval(milliseconds, playhead, TimelineState.Playing, inBreak: true, ads.AdOpen);
                break;
            case PlayerState.Playing:
                PlayMainContent(milliseconds, playhead, clockAnomaly);
                break;
            case PlayerState.Paused:
                PauseMilliseconds += milliseconds;
                Recorder?.Interval(milliseconds, playhead, TimelineState.Paused, ads.InBreak, ads.AdOpen);
                break;
            case PlayerState.Buffering:
                BufferMilliseconds += milliseconds;
                Recorder?.Interval(milliseconds, playhead, TimelineState.Buffering, ads.InBreak, ads.AdOpen);
                break;
            case PlayerState.Starting:
                Recorder?.Interval(milliseconds, playhead, TimelineState.Starting, ads.InBreak, ads.AdOpen);
                break;
        }

        _lastPlayhead = playhead;
    }

    public void Play(double playhead)
    {
        State = PlayerState.Playing;
        if (!ads.InBreak && !ContentStarted)
        {
            ContentStarted = true;
            _segmentMin = _segmentMax = playhead;
        }
    }

    public void PauseStart()
    {
        // Pings during a pause, or a repeated pauseStart, do not start another pause period.
        PauseCount += State == PlayerState.Paused ? 0 : 1;
        State = PlayerState.Paused;
    }

    public void BufferStart()
    {
        BufferCount += State == PlayerState.Buffering ? 0 : 1;
        State = PlayerState.Buffering;
    }

    /// <summary>
    /// An ad began: the player plays it, even in a pre-roll where no <c>play</c> is sent
    /// (docs/reference/media-collection-api.md#ordering-rules, rule 4).
    /// </summary>
    public void AdStarted() => State = PlayerState.Playing;

    /// <summary>
    /// A break ended. Before content has started (a pre-roll) the player waits for the first <c>play</c>; after it, the
    /// state carries on, as the player "stays playing throughout the break".
    /// </summary>
    public void BreakEnded()
    {
        if (!ContentStarted)
        {
            State = PlayerState.Starting;
        }
    }

    /// <summary>After an event is applied: progress markers, and the start or end of a run for stall detection.</summary>
    public void Observe(double playhead)
    {
        if (ContentStarted)
        {
            _markers.Observe(playhead, _length);
        }

        if (State == PlayerState.Playing && !ads.InBreak)
        {
            if (!_runActive)
            {
                StartRun(playhead);
            }
        }
        else
        {
            EndRun();
        }
    }

    /// <summary>Credits time held back by an undecided run: at the end, a run that is not yet a stall was play.</summary>
    public void Finish() => EndRun();

    private void PlayMainContent(long milliseconds, double playhead, bool clockAnomaly)
    {
        _segmentMin = Math.Min(_segmentMin, Math.Min(_lastPlayhead, playhead));
        _segmentMax = Math.Max(_segmentMax, Math.Max(_lastPlayhead, playhead));

        // A clock anomaly's interval has no duration, so a playhead jump across it is not a range played.
        if (!clockAnomaly && playhead > _lastPlayhead)
        {
            _ranges.Add(_lastPlayhead, playhead, _length);
        }

        var credit = new PlayCredit(milliseconds, chapters.OpenIndex, qoe.CurrentBitrate);
        if (!_runActive || playhead != _runPlayhead)
        {
            EndRun();
            Credit(credit);
            Recorder?.Interval(milliseconds, playhead, TimelineState.Playing, inBreak: false, inAd: false);
            StartRun(playhead);
            return;
        }

        _runEvents++;
        _runMilliseconds += milliseconds;
        if (_runIsStall)
        {
            StallMilliseconds += milliseconds;
            Recorder?.Interval(milliseconds, playhead, TimelineState.Stalled, inBreak: false, inAd: false);
            return;
        }

        Hold(credit);
        Recorder?.Hold(milliseconds, playhead);
        if (_runEvents >= StallEvents && _runMilliseconds >= MinimumStallMilliseconds)
        {
            _runIsStall = true;
            StallCount++;
            StallMilliseconds += _runMilliseconds;
            _pending.Clear();
            Recorder?.Release(stalled: true);
        }
    }

    private void StartRun(double playhead)
    {
        _runActive = true;
        _runIsStall = false;
        _runPlayhead = playhead;
        _runEvents = 1;
        _runMilliseconds = 0;
    }

    private void EndRun()
    {
        if (_pending.Count > 0)
        {
            foreach (var credit in _pending)
            {
                Credit(credit);
            }

            _pending.Clear();
            Recorder?.Release(stalled: false);
        }

        _runActive = false;
    }

    private void Hold(PlayCredit credit)
    {
        // Merging keeps a long burst at one playhead from growing the list.
        if (_pending.Count > 0 && _pending[^1] is var last && last.Chapter == credit.Chapter && last.Bitrate == credit.Bitrate)
        {
            _pending[^1] = last with { Milliseconds = last.Milliseconds + credit.Milliseconds };
            return;
        }

        _pending.Add(credit);
    }

    private void Credit(PlayCredit credit)
    {
        MainPlayMilliseconds += credit.Milliseconds;
        chapters.Credit(credit.Chapter, credit.Milliseconds);
        qoe.AddBitrateTime(credit.Bitrate, credit.Milliseconds);
    }
}
