using Playtrail.Core.Events;

namespace Playtrail.Core.Processing.Timeline;

/// <summary>
/// A stretch of wall time spent in one state. Times are the processor's clock: the events' <c>ts</c>, except that a
/// clock anomaly does not move it back (<c>docs/metrics.md</c>), so the intervals of a session are contiguous.
/// </summary>
/// <param name="Start">Epoch milliseconds where the stretch begins (an event's time).</param>
/// <param name="End">Epoch milliseconds where it ends (a later event's time).</param>
/// <param name="StartPlayhead">The playhead of the event that begins it.</param>
/// <param name="EndPlayhead">The playhead of the event that ends it.</param>
/// <param name="State">Where its time went.</param>
/// <param name="InBreak">An ad break was open: playing time is not main content.</param>
/// <param name="InAd">An ad was open (inside a break): playing time is that ad's.</param>
public readonly record struct TimelineInterval(
    long Start, long End, double StartPlayhead, double EndPlayhead, TimelineState State, bool InBreak, bool InAd);

/// <summary>An ad break, from its <c>adBreakStart</c> to its end.</summary>
/// <param name="Start">Epoch milliseconds of the <c>adBreakStart</c>.</param>
/// <param name="End">Epoch milliseconds where it ended (<c>adBreakComplete</c>, the next <c>adBreakStart</c>, the close), or the latest time while open.</param>
/// <param name="Open">Still open: the session is open and the break has not ended.</param>
/// <param name="PodIndex">The break's <c>media.ad.podIndex</c>.</param>
/// <param name="PodSecond">The break's <c>media.ad.podSecond</c>.</param>
/// <param name="Name">The break's <c>media.ad.podFriendlyName</c>, when sent.</param>
public sealed record TimelineAdBreak(long Start, long End, bool Open, long PodIndex, double PodSecond, string? Name);

/// <summary>A counted ad, from its <c>adStart</c> to its close.</summary>
/// <param name="Start">Epoch milliseconds of the <c>adStart</c>.</param>
/// <param name="End">Epoch milliseconds where it closed, or the latest time while open.</param>
/// <param name="Open">Still open: the session is open and the ad has not closed.</param>
/// <param name="Ad">The ad as the report lists it (complete, skipped, time played).</param>
public sealed record TimelineAd(long Start, long End, bool Open, AdMetrics Ad);

/// <summary>A chapter, from its <c>chapterStart</c> to its close.</summary>
/// <param name="Start">Epoch milliseconds of the <c>chapterStart</c>.</param>
/// <param name="End">Epoch milliseconds where it closed, or the latest time while open.</param>
/// <param name="Open">Still open: the session is open and the chapter has not closed.</param>
/// <param name="Chapter">The chapter as the report lists it (complete, skipped, time played).</param>
public sealed record TimelineChapter(long Start, long End, bool Open, ChapterMetrics Chapter);

/// <summary>One accepted start of a player state, to its end.</summary>
/// <param name="Name">The state's lower-cased name, as the report keys it.</param>
/// <param name="Start">Epoch milliseconds of the start.</param>
/// <param name="End">Epoch milliseconds of the end, or the latest time while the state is still active.</param>
/// <param name="Open">Still active at the session's latest time.</param>
public readonly record struct TimelinePlayerState(string Name, long Start, long End, bool Open);

/// <summary>The bitrate in force from <paramref name="Ts"/> until the next step.</summary>
/// <param name="Ts">Epoch milliseconds of the event that sent the value.</param>
/// <param name="Value">The bitrate as sent.</param>
public readonly record struct TimelineBitrate(long Ts, double Value);

/// <summary>A counted <c>error</c> event.</summary>
/// <param name="Ts">Epoch milliseconds of the event.</param>
/// <param name="Playhead">Its playhead.</param>
/// <param name="ErrorId">The error id sent, if any.</param>
/// <param name="Source">The error source sent (<c>player</c>, <c>external</c>), if any.</param>
public sealed record TimelineError(long Ts, double Playhead, string? ErrorId, string? Source);

/// <summary>The playhead at one processed event.</summary>
/// <param name="Ts">Epoch milliseconds on the processor's clock.</param>
/// <param name="Playhead">The event's playhead.</param>
public readonly record struct TimelinePlayhead(long Ts, double Playhead);

/// <summary>One event of the session, in processing order, with what the processor made of it.</summary>
/// <param name="Index">The event's position in the list given (arrival order online, array order downloaded).</param>
/// <param name="Ts">Its own <c>ts</c>, as sent.</param>
/// <param name="Type">Its type.</param>
/// <param name="Playhead">Its playhead.</param>
/// <param name="Ignored">Why it was ignored or repaired (<see cref="IgnoreReasons"/>); empty when processed normally.</param>
public sealed record TimelineEvent(int Index, long Ts, EventType Type, double Playhead, IReadOnlyList<string> Ignored);
