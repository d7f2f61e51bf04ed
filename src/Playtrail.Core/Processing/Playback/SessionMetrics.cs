namespace Playtrail.Core.Processing;

/// <summary>
/// The main-content metrics of a session (docs/reference/media-collection-api.md#session-metrics). Times are seconds of
/// device time (<c>ts</c> differences); <c>docs/metrics.md</c> defines each one exactly.
/// </summary>
public sealed record SessionMetrics
{
    /// <summary>A <c>sessionStart</c> was received (<c>a.media.view</c>, Media Starts).</summary>
    public bool View { get; init; }

    /// <summary>Main content started: a <c>play</c> outside any ad break was received (<c>a.media.play</c>).</summary>
    public bool Play { get; init; }

    /// <summary>A <c>sessionComplete</c> was received (<c>a.media.complete</c>).</summary>
    public bool Complete { get; init; }

    /// <summary>Seconds in the playing state on main content, stalls excluded (<c>a.media.timePlayed</c>).</summary>
    public double TimePlayed { get; init; }

    /// <summary>Seconds in the playing state on main content and in ads (<c>a.media.totalTimePlayed</c>).</summary>
    public double TotalTimePlayed { get; init; }

    /// <summary>Seconds of main content played at least once: the union of the playhead ranges played (<c>a.media.uniqueTimePlayed</c>).</summary>
    public double UniqueTimePlayed { get; init; }

    /// <summary>The playhead reached 10 % of the length (<c>a.media.progress10</c>).</summary>
    public bool Progress10 { get; init; }

    /// <summary>The playhead reached 25 % of the length (<c>a.media.progress25</c>).</summary>
    public bool Progress25 { get; init; }

    /// <summary>The playhead reached 50 % of the length (<c>a.media.progress50</c>).</summary>
    public bool Progress50 { get; init; }

    /// <summary>The playhead reached 75 % of the length (<c>a.media.progress75</c>).</summary>
    public bool Progress75 { get; init; }

    /// <summary>The playhead reached 95 % of the length (<c>a.media.progress95</c>).</summary>
    public bool Progress95 { get; init; }

    /// <summary><see cref="TimePlayed"/> / length; null when the length is under <see cref="SessionMetricsBuilder.MinimumMeasuredLength"/> (<c>a.media.averageMinuteAudience</c>).</summary>
    public double? AverageMinuteAudience { get; init; }

    /// <summary>floor(<see cref="TotalTimePlayed"/> / 1800) + 1 (<c>a.media.estimatedStreams</c>).</summary>
    public int EstimatedStreams { get; init; }

    /// <summary>The minutes of content played, <c>"first-last"</c>; null before content starts (<c>a.media.segment</c>).</summary>
    public string? Segment { get; init; }

    /// <summary>Some main content was played (<c>a.media.segmentView</c>).</summary>
    public bool SegmentView { get; init; }

    /// <summary>At least one pause (<c>a.media.pause</c>).</summary>
    public bool Pause { get; init; }

    /// <summary>Number of pause periods (<c>a.media.pauseCount</c>).</summary>
    public int PauseCount { get; init; }

    /// <summary>Seconds in the paused state (<c>a.media.pauseTime</c>).</summary>
    public double PauseTime { get; init; }

    /// <summary>The session was flagged <c>media.resume</c> (<c>a.media.resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>Number of ads counted (<c>adStart</c> inside a break) (<c>a.media.adCount</c>).</summary>
    public int AdCount { get; init; }

    /// <summary>Number of <c>chapterStart</c> events (<c>a.media.chapterCount</c>).</summary>
    public int ChapterCount { get; init; }

    /// <summary>0 when closed by an event or the end of a downloaded array; the timeout gap otherwise; null while open (<c>a.media.secondsSinceLastCall</c>).</summary>
    public double? SecondsSinceLastCall { get; init; }

    /// <summary>1 when the session closed before any main-content play, else 0 (<c>a.media.qoe.dropBeforeStart</c>).</summary>
    public int DropBeforeStart { get; init; }

    /// <summary>Number of events whose <c>ts</c> went backwards; their gaps counted as zero (Playtrail's own measure).</summary>
    public int ClockAnomalies { get; init; }
}
