namespace Playtrail.Core.Processing;

/// <summary>
/// What <see cref="SessionProcessor"/> computes from a session's events: its metrics and its analytics calls.
/// <see cref="SessionReportJson"/> and <see cref="AnalyticsCallsJson"/> write it as the API serves it.
/// </summary>
public sealed record SessionReport
{
    /// <summary>The session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>True for a downloaded session.</summary>
    public required bool Downloaded { get; init; }

    /// <summary>How the session was closed: by its events when they hold <c>sessionComplete</c> or <c>sessionEnd</c>, else as the caller said.</summary>
    public required SessionCloseKind Close { get; init; }

    /// <summary>
    /// The <c>ts</c> of the <c>sessionStart</c> (the time the session was watched,
    /// docs/decisions/0017-reports-by-time-watched.md); 0 without one.
    /// </summary>
    public required long FirstEventTs { get; init; }

    /// <summary>The latest <c>ts</c> among the events processed (those after the close excluded); the close calls' time.</summary>
    public required long LastEventTs { get; init; }

    /// <summary>The number of events given, ignored ones included.</summary>
    public required int EventCount { get; init; }

    /// <summary>Every event ignored or repaired, in processing order (one event may be listed for several reasons).</summary>
    public required IReadOnlyList<IgnoredEvent> IgnoredEvents { get; init; }

    /// <summary>The content played.</summary>
    public required MediaInfo Media { get; init; }

    /// <summary>The main-content metrics.</summary>
    public required SessionMetrics Metrics { get; init; }

    /// <summary>The quality-of-experience metrics.</summary>
    public required QoeMetrics Qoe { get; init; }

    /// <summary>The player states (at most 10), first started first.</summary>
    public required IReadOnlyList<StateMetrics> States { get; init; }

    /// <summary>The counted ads, in start order.</summary>
    public required IReadOnlyList<AdMetrics> Ads { get; init; }

    /// <summary>The chapters, in start order.</summary>
    public required IReadOnlyList<ChapterMetrics> Chapters { get; init; }

    /// <summary>The analytics calls made for the session, in the order they are made.</summary>
    public required IReadOnlyList<AnalyticsCall> Calls { get; init; }
}
