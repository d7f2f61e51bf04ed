using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;
using Playtrail.Testing;
using static Playtrail.Core.Tests.Processing.TestEvents;
using State = Playtrail.Core.Processing.Timeline.TimelineState;

namespace Playtrail.Core.Tests.Processing.Timeline;

/// <summary>
/// Golden sessions laid out by hand: every interval, ad, chapter and state worked out from the events, not copied
/// from the program's output.
/// </summary>
public sealed class SessionTimelineGoldenTests
{
    private const long E = TimelineExamples.StartTs;

    /// <summary>
    /// Every example of <see cref="TimelineExamples"/> as one downloaded array (ts from <c>E</c>, playhead in brackets):
    /// sessionStart 0 [0]; adBreakStart +1; adStart 001 +2; ping +1000; adComplete +15000; adStart 002 +15001;
    /// adSkip +18000; adBreakComplete +18001; play +18002 [0]; chapterStart 1 +18003 [0]; stateStart fullscreen
    /// +20000 [2]; bitrateChange 10000 +23000 [5]; bufferStart +29000 [11]; pauseStart +32000 [11]; three errors
    /// +33000..+33002 [11]; chapterComplete +42000 [20]; statesUpdate (end fullscreen, start mute and
    /// pictureInPicture) +43000 [21]; stateEnd mute +44000 [22]; chapterStart 2 +44001 [22]; chapterSkip +52000 [30];
    /// sessionComplete +67000 [45]; sessionEnd +67001 [45]. No play follows the pause.
    /// </summary>
    private static readonly SessionTimeline Examples = SessionTimeline.Build(
        SessionEvents.FromDownloaded(TimelineExamples.AsDownloadedArray()),
        new SessionContext(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray));

    [Fact]
    public void Examples_States_CoverTheSessionAndAddUpToTheReport()
    {
        TimelineInterval[] expected =
        [
            // sessionStart to adBreakStart, then the break before its first ad: waiting, counted nowhere.
            new(E, E + 1, 0, 0, State.Starting, InBreak: false, InAd: false),
            new(E + 1, E + 2, 0, 0, State.Starting, InBreak: true, InAd: false),
            // Ad 001 plays from its adStart, through its ping, to adComplete: 14.998 s.
            new(E + 2, E + 15_000, 0, 0, State.Playing, InBreak: true, InAd: true),
            // Between the two ads, no ad open: 1 ms counted nowhere.
            new(E + 15_000, E + 15_001, 0, 0, State.Playing, InBreak: true, InAd: false),
            // Ad 002 to its adSkip: 2.999 s.
            new(E + 15_001, E + 18_000, 0, 0, State.Playing, InBreak: true, InAd: true),
            new(E + 18_000, E + 18_001, 0, 0, State.Playing, InBreak: true, InAd: false),
            // The pre-roll ends before content has started: waiting again until play.
            new(E + 18_001, E + 18_002, 0, 0, State.Starting, InBreak: false, InAd: false),
            // Main content from play (ph 0) to bufferStart (ph 11): 10.998 s; the playhead moves, so no stall.
            new(E + 18_002, E + 29_000, 0, 11, State.Playing, InBreak: false, InAd: false),
            new(E + 29_000, E + 32_000, 11, 11, State.Buffering, InBreak: false, InAd: false),
            // No play after pauseStart: paused to sessionComplete, 35 s; errors do not change the state.
            new(E + 32_000, E + 67_000, 11, 45, State.Paused, InBreak: false, InAd: false),
        ];

        Assert.Equal(expected, Examples.States);
        var metrics = Examples.Report.Metrics;
        Assert.Equal(10.998, metrics.TimePlayed);
        Assert.Equal(10.998 + 14.998 + 2.999, metrics.TotalTimePlayed, 9);
        Assert.Equal(35, metrics.PauseTime);
        Assert.Equal(3, Examples.Report.Qoe.BufferTime);
        Assert.Equal(0, Examples.Report.Qoe.StallTime);
        Assert.Equal(E, Examples.Report.FirstEventTs);
        Assert.Equal(E + 67_000, Examples.Report.LastEventTs);
        Assert.Equal(SessionCloseKind.Complete, Examples.Report.Close);
    }

    [Fact]
    public void Examples_AdBreakAndAds()
    {
        Assert.Equal([new TimelineAdBreak(E + 1, E + 18_001, Open: false, PodIndex: 0, PodSecond: 0, "ad_pod1")], Examples.AdBreaks);

        Assert.Equal(
            [(E + 2, E + 15_000, false, "001", "Sample ad", 1L, true, false, 14.998), (E + 15_001, E + 18_000, false, "002", null, 2L, false, true, 2.999)],
            Examples.Ads.Select(a => (a.Start, a.End, a.Open, a.Ad.Id, a.Ad.Name, a.Ad.PodPosition, a.Ad.Complete, a.Ad.Skipped, a.Ad.TimePlayed)));
    }

    [Fact]
    public void Examples_Chapters()
    {
        // Chapter 1 is credited from its chapterStart (+18003) to bufferStart (+29000): 10.997 s; the 1 ms between play
        // and chapterStart belongs to no chapter. Chapter 2 opens and is skipped while paused: 0 s.
        Assert.Equal(
            [(E + 18_003, E + 42_000, false, 1L, "Opening", true, false, 10.997), (E + 44_001, E + 52_000, false, 2L, null, false, true, 0)],
            Examples.Chapters.Select(c => (c.Start, c.End, c.Open, c.Chapter.Index, c.Chapter.FriendlyName, c.Chapter.Complete, c.Chapter.Skipped, c.Chapter.TimePlayed)));
    }

    [Fact]
    public void Examples_PlayerStates_AreLowerCased_AndPictureInPictureIsStillActive()
    {
        TimelinePlayerState[] expected =
        [
            new("fullscreen", E + 20_000, E + 43_000, Open: false),
            new("mute", E + 43_000, E + 44_000, Open: false),
            new("pictureinpicture", E + 43_000, E + 67_000, Open: true),
        ];

        Assert.Equal(expected, Examples.PlayerStates);
        Assert.Equal([23, 1, 24], Examples.Report.States.Select(state => state.Time));
    }

    [Fact]
    public void Examples_BitrateErrorsPlayheadAndEvents()
    {
        // The error at +33001 re-sends 10000: no new step.
        Assert.Equal([new TimelineBitrate(E + 23_000, 10_000)], Examples.Bitrate);
        Assert.Equal(
            [new TimelineError(E + 33_000, 11, null, null), new(E + 33_001, 11, "network-timeout", "player"), new(E + 33_002, 11, "cdn-403", "external")],
            Examples.Errors);

        // One playhead sample per processed event; the sessionEnd after sessionComplete is dropped.
        Assert.Equal(23, Examples.Playhead.Count);
        Assert.Equal(new TimelinePlayhead(E + 67_000, 45), Examples.Playhead[^1]);

        Assert.Equal(Enumerable.Range(0, 24), Examples.Events.Select(e => e.Index));
        Assert.All(Examples.Events.Take(23), e => Assert.Empty(e.Ignored));
        var dropped = Examples.Events[^1];
        Assert.Equal((EventType.SessionEnd, E + 67_001, 45.0), (dropped.Type, dropped.Ts, dropped.Playhead));
        Assert.Equal([IgnoreReasons.AfterClose], dropped.Ignored);
    }

    [Fact]
    public void OpenOnlineSession_WithAStallAndAClockAnomaly_IsLaidOutOnTheProcessorsClock()
    {
        var events = SessionEvents.FromOnline(
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("ping", 10, T0 + 15_000),
            Simple("ping", 10, T0 + 25_000),
            Simple("ping", 10, T0 + 30_000),
            Simple("ping", 20, T0 + 35_000),
            AdBreakStart(25, T0 + 40_000, podIndex: 1, podSecond: 25, friendlyName: "mid-roll"),
            AdStart(25, T0 + 40_001, "ad-2", 10, 1),
            Simple("ping", 25, T0 + 45_000),
            Simple("ping", 0, T0 - 5000));

        var timeline = SessionTimeline.Build(events, new SessionContext(SessionEvents.SessionId, Downloaded: false, SessionCloseKind.Open));

        TimelineInterval[] expected =
        [
            // The late ping (ts before sessionStart) is processed second, with no duration: it is merged into the wait.
            new(T0, T0 + 1000, 0, 0, State.Starting, false, false),
            new(T0 + 1000, T0 + 11_000, 0, 10, State.Playing, false, false),
            // The playhead stays at 10 from 11 s; the third event at 10 (25 s) makes the run a stall, which lasts until
            // the playhead moves at 35 s: the whole run 11-30 s is stall time (19 s), the interval that moved is play.
            new(T0 + 11_000, T0 + 30_000, 10, 10, State.Stalled, false, false),
            new(T0 + 30_000, T0 + 40_000, 10, 25, State.Playing, false, false),
            new(T0 + 40_000, T0 + 40_001, 25, 25, State.Playing, InBreak: true, InAd: false),
            new(T0 + 40_001, T0 + 45_000, 25, 25, State.Playing, InBreak: true, InAd: true),
        ];
        Assert.Equal(expected, timeline.States);
        Assert.Equal((20.0, 19.0, 1, 24.999), (timeline.Report.Metrics.TimePlayed, timeline.Report.Qoe.StallTime, timeline.Report.Qoe.StallCount,
            timeline.Report.Metrics.TotalTimePlayed));

        // The session is open: its break and ad are drawn to the latest time and marked open.
        Assert.Equal([new TimelineAdBreak(T0 + 40_000, T0 + 45_000, Open: true, 1, 25, "mid-roll")], timeline.AdBreaks);
        var ad = Assert.Single(timeline.Ads);
        Assert.Equal((T0 + 40_001, T0 + 45_000, true, "ad-2", 4.999), (ad.Start, ad.End, ad.Open, ad.Ad.Id, ad.Ad.TimePlayed));

        // Events in processing order with their arrival index; the late ping keeps its own ts and says why it was repaired.
        Assert.Equal([0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9], timeline.Events.Select(e => e.Index));
        Assert.Equal(T0 - 5000, timeline.Events[1].Ts);
        Assert.Equal([IgnoreReasons.ClockAnomaly], timeline.Events[1].Ignored);
        Assert.Equal(new TimelinePlayhead(T0, 0), timeline.Playhead[1]);
    }
}
