using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Event order (docs/decisions/0009-one-processor-event-order.md): online by ts with arrival breaking ties, downloaded
/// as sent; clock anomalies.
/// </summary>
public sealed class OrderingTests
{
    [Fact]
    public void DownloadedNegativeTsGap_CountsZero_AndIsReportedAsAClockAnomaly()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("ping", 12, T0 + 9000),
            Simple("ping", 20, T0 + 21_000),
            Simple("sessionEnd", 30, T0 + 31_000));

        Assert.Equal(1, report.Metrics.ClockAnomalies);
        Assert.Equal([new(3, IgnoreReasons.ClockAnomaly)], report.IgnoredEvents);

        // 1 s to 11 s = 10; the backwards event adds 0; then 11 s (the latest ts seen) to 21 s = 10 and 21 s to 31 s = 10.
        Assert.Equal(30, report.Metrics.TimePlayed);
        Assert.Equal(T0 + 31_000, report.LastEventTs);

        // Ranges [0,10] and [12,20] [20,30]; the jump from 10 to 12 across the anomaly has no duration, so it is not played.
        Assert.Equal(28, report.Metrics.UniqueTimePlayed);
    }

    [Fact]
    public void OnlineEvents_AreSortedByTs()
    {
        var online = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            Simple("ping", 20, T0 + 20_000),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 10_000),
            Simple("sessionComplete", 25, T0 + 25_000));

        Assert.Empty(online.IgnoredEvents);
        Assert.Equal(24, online.Metrics.TimePlayed);
        Assert.Equal(25, online.Metrics.UniqueTimePlayed);
        Assert.True(online.Metrics.Complete);
    }

    [Fact]
    public void OnlineEventsWithEqualTs_KeepTheirArrivalOrder()
    {
        string[] start = [SessionStart(T0), Simple("play", 0, T0 + 1000)];
        var play = Simple("play", 4, T0 + 5000);
        var pause = Simple("pauseStart", 4, T0 + 5000);
        var end = Simple("sessionEnd", 4, T0 + 10_000);

        var playThenPause = SessionEvents.Online(SessionCloseKind.Open, [.. start, play, pause, end]);
        var pauseThenPlay = SessionEvents.Online(SessionCloseKind.Open, [.. start, pause, play, end]);

        // Arrival play, pause: paused from 5 s to 10 s. Arrival pause, play: playing on to 10 s.
        Assert.Equal((4.0, 5.0), (playThenPause.Metrics.TimePlayed, playThenPause.Metrics.PauseTime));
        Assert.Equal((9.0, 0.0), (pauseThenPlay.Metrics.TimePlayed, pauseThenPlay.Metrics.PauseTime));
    }

    [Fact]
    public void OnlineSessionStart_StaysFirst_AndEarlierEventsAreClockAnomalies()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0 + 5000),
            Simple("play", 0, T0 + 6000),
            Simple("ping", 0, T0 + 1000),
            Simple("sessionEnd", 4, T0 + 10_000));

        Assert.Equal(T0 + 5000, report.FirstEventTs);
        Assert.Equal([new(2, IgnoreReasons.ClockAnomaly)], report.IgnoredEvents);

        // The early ping is processed right after sessionStart with a zero gap; play 6 s to sessionEnd 10 s = 4 s.
        Assert.Equal(4, report.Metrics.TimePlayed);
    }

    [Fact]
    public void DownloadedArrays_AreNotReordered()
    {
        var events = SessionEvents.FromArrayElements(
            SessionStart(T0),
            Simple("ping", 20, T0 + 20_000),
            Simple("play", 0, T0 + 1000),
            Simple("sessionEnd", 25, T0 + 25_000));

        var downloaded = SessionProcessor.Process(events, new SessionContext(SessionEvents.SessionId, true, SessionCloseKind.EndOfArray));
        var online = SessionProcessor.Process(events, new SessionContext(SessionEvents.SessionId, false, SessionCloseKind.EndOfArray));

        // Array order: the play comes after the ping at 20 s, so it is a clock anomaly and only 20 s to 25 s is played.
        Assert.Equal(5, downloaded.Metrics.TimePlayed);
        Assert.Equal([new(2, IgnoreReasons.ClockAnomaly)], downloaded.IgnoredEvents);
        Assert.Equal(24, online.Metrics.TimePlayed);
        Assert.Equal(EventType.SessionStart, events[0].Type);
    }
}
