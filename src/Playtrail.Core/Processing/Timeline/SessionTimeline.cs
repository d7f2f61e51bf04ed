namespace Playtrail.Core.Processing.Timeline;

/// <summary>
/// One session laid out against wall time (device <c>ts</c>) and playhead, for drawing: where time went, ad breaks,
/// ads, chapters, player states, bitrate, errors, the playhead and every event. Recorded by the processor while it
/// computes <see cref="Report"/>, so its intervals add up to the report's times (<c>docs/reporting.md</c>, "Session
/// timeline"). <see cref="SessionTimelineJson"/> writes it as the API serves it.
/// </summary>
public sealed record SessionTimeline
{
    /// <summary>The report of the same run of the processor.</summary>
    public required SessionReport Report { get; init; }

    /// <summary>
    /// Where time went, from the first event to the latest, contiguous and in order; consecutive intervals whose time
    /// went to the same place are merged. Empty without a <c>sessionStart</c>.
    /// </summary>
    public required IReadOnlyList<TimelineInterval> States { get; init; }

    /// <summary>The ad breaks, in start order.</summary>
    public required IReadOnlyList<TimelineAdBreak> AdBreaks { get; init; }

    /// <summary>The counted ads, in the report's order.</summary>
    public required IReadOnlyList<TimelineAd> Ads { get; init; }

    /// <summary>The chapters, in the report's order.</summary>
    public required IReadOnlyList<TimelineChapter> Chapters { get; init; }

    /// <summary>Each accepted start of a player state, in start order.</summary>
    public required IReadOnlyList<TimelinePlayerState> PlayerStates { get; init; }

    /// <summary>The bitrate steps: a value sent that differs from the one in force.</summary>
    public required IReadOnlyList<TimelineBitrate> Bitrate { get; init; }

    /// <summary>The counted errors.</summary>
    public required IReadOnlyList<TimelineError> Errors { get; init; }

    /// <summary>The playhead at every processed event (dropped events have none), on the processor's clock.</summary>
    public required IReadOnlyList<TimelinePlayhead> Playhead { get; init; }

    /// <summary>Every event given, in processing order, dropped ones included.</summary>
    public required IReadOnlyList<TimelineEvent> Events { get; init; }

    /// <summary>Processes <paramref name="events"/> as <see cref="SessionProcessor.Process"/> does and records its timeline.</summary>
    /// <param name="events">The session's events in arrival order (online) or array order (downloaded).</param>
    /// <param name="context">The session id, whether it was downloaded, and how it was closed.</param>
    public static SessionTimeline Build(IReadOnlyList<SessionEvent> events, SessionContext context)
    {
        ArgumentNullException.ThrowIfNull(events);
        var recorder = new TimelineRecorder();
        var report = new SessionProcessor().Run(events, context, recorder);
        return recorder.Build(events, report);
    }
}
