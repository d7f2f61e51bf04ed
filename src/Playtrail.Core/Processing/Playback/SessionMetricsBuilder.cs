namespace Playtrail.Core.Processing;

/// <summary>
/// Turns the timeline's totals into the reported main-content metrics
/// (docs/reference/media-collection-api.md#session-metrics).
/// </summary>
internal static class SessionMetricsBuilder
{
    /// <summary>
    /// The <c>secondsSinceLastCall</c> of an idle timeout when the caller gives none (about 600 in Adobe's reports:
    /// docs/reference/media-collection-api.md#timeouts).
    /// </summary>
    public const double IdleSeconds = 600;

    private const double SecondsPerEstimatedStream = 1800;

    /// <summary>
    /// The shortest length average minute audience is measured against: one millisecond, the resolution of <c>ts</c>.
    /// A shorter positive length (a denormal such as 4.9e-324 is valid JSON) would turn the ratio into infinity.
    /// </summary>
    public const double MinimumMeasuredLength = 0.001;

    public static SessionMetrics Build(PlaybackTimeline timeline, MediaInfo media, bool complete, bool started, SessionCloseKind close,
        SessionContext context, int adCount, int chapterCount, int clockAnomalies)
    {
        var timePlayed = Seconds.Of(timeline.MainPlayMilliseconds);
        var totalTimePlayed = Seconds.Of(timeline.MainPlayMilliseconds + timeline.AdPlayMilliseconds);
        return new SessionMetrics
        {
            View = started,
            Play = timeline.ContentStarted,
            Complete = complete,
            TimePlayed = timePlayed,
            TotalTimePlayed = totalTimePlayed,
            UniqueTimePlayed = timeline.UniqueTimePlayed,
            Progress10 = timeline.Markers.Fired(0),
            Progress25 = timeline.Markers.Fired(1),
            Progress50 = timeline.Markers.Fired(2),
            Progress75 = timeline.Markers.Fired(3),
            Progress95 = timeline.Markers.Fired(4),
            AverageMinuteAudience = media.Length >= MinimumMeasuredLength ? timePlayed / media.Length : null,
            EstimatedStreams = (int)Math.Floor(totalTimePlayed / SecondsPerEstimatedStream) + 1,
            Segment = timeline.Segment,
            SegmentView = timeline.ContentStarted,
            Pause = timeline.PauseCount > 0,
            PauseCount = timeline.PauseCount,
            PauseTime = Seconds.Of(timeline.PauseMilliseconds),
            Resume = media.Resume,
            AdCount = adCount,
            ChapterCount = chapterCount,
            SecondsSinceLastCall = close switch
            {
                SessionCloseKind.Open => null,
                SessionCloseKind.Idle => context.SecondsSinceLastCall ?? IdleSeconds,
                SessionCloseKind.Stall => context.SecondsSinceLastCall ?? 0,
                _ => 0,
            },
            DropBeforeStart = started && close != SessionCloseKind.Open && !timeline.ContentStarted ? 1 : 0,
            ClockAnomalies = clockAnomalies,
        };
    }
}
