namespace Playtrail.Storage.Reporting;

/// <summary>
/// The additive measures every rollup row and every session fact carries. A session contributes one value to each;
/// a report sums them. Averages and ratios (buffer ratio, average bitrate, average time to start) are computed from
/// these sums when served, never stored. <see cref="MeasureCatalog"/> names each one in SQL and in JSON.
/// </summary>
public enum Measure
{
    /// <summary>Sessions started (Media Starts): 1 per session.</summary>
    Sessions,

    /// <summary>Downloaded sessions: 1 per downloaded session.</summary>
    DownloadedSessions,

    /// <summary>Sessions whose main content started playing (Content Starts).</summary>
    ContentStarts,

    /// <summary>Sessions that completed.</summary>
    Completes,

    /// <summary>Sessions whose playhead reached 10 % of the length.</summary>
    Progress10,

    /// <summary>Sessions whose playhead reached 25 % of the length.</summary>
    Progress25,

    /// <summary>Sessions whose playhead reached 50 % of the length.</summary>
    Progress50,

    /// <summary>Sessions whose playhead reached 75 % of the length.</summary>
    Progress75,

    /// <summary>Sessions whose playhead reached 95 % of the length.</summary>
    Progress95,

    /// <summary>Seconds played on main content.</summary>
    TimePlayed,

    /// <summary>Seconds played on main content and ads.</summary>
    TotalTimePlayed,

    /// <summary>Seconds of main content played at least once.</summary>
    UniqueTimePlayed,

    /// <summary>Sum of the sessions' average minute audience (time played / length).</summary>
    AverageMinuteAudience,

    /// <summary>Ads started inside ad breaks.</summary>
    AdStarts,

    /// <summary>Chapters started.</summary>
    ChapterStarts,

    /// <summary>Pause periods.</summary>
    PauseCount,

    /// <summary>Seconds paused.</summary>
    PauseTime,

    /// <summary>Buffering periods.</summary>
    BufferCount,

    /// <summary>Seconds buffering.</summary>
    BufferTime,

    /// <summary>Stalls.</summary>
    StallCount,

    /// <summary>Seconds stalled.</summary>
    StallTime,

    /// <summary>Error events.</summary>
    ErrorCount,

    /// <summary>Sessions with at least one error.</summary>
    ErrorSessions,

    /// <summary>Sum of the time to start, in seconds, of sessions that sent one.</summary>
    TimeToStartSum,

    /// <summary>Sessions that sent a time to start.</summary>
    TimeToStartSessions,

    /// <summary>Sum over sessions of their average bitrate times their time played (bitrate unit × seconds).</summary>
    BitrateWeightedSum,

    /// <summary>Time played of the sessions that sent a bitrate, in seconds: the weight of <see cref="BitrateWeightedSum"/>.</summary>
    BitrateTime,

    /// <summary>Sessions that closed before main content played (drop before start).</summary>
    DroppedBeforeStart,
}
