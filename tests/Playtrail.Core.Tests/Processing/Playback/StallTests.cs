using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Stalls (docs/reference/media-collection-api.md#stalls): at least 3 consecutive events while playing main content at
/// one playhead, lasting at least 1 s, counted as one stall whose whole run is stall time instead of play time.
/// </summary>
public sealed class StallTests
{
    [Fact]
    public void PlayheadStuckAcrossThreeEvents_IsOneStall_TakenOutOfPlayTime()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            ChapterStart(0, T0 + 500, index: 1, offset: 0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("ping", 10, T0 + 15_000),
            Simple("ping", 10, T0 + 25_000),
            Simple("ping", 10, T0 + 30_000),
            Simple("ping", 20, T0 + 35_000),
            Simple("sessionEnd", 30, T0 + 45_000));

        // The run starts at the ping at 11 s (ph 10); the third event at ph 10 (25 s) makes it a stall, and it lasts
        // until the playhead moves at 35 s: the stall is 11 s to 30 s = 19 s (its last interval, 30-35 s, moved).
        Assert.Equal(1, report.Qoe.StallCount);
        Assert.Equal(19, report.Qoe.StallTime);
        Assert.True(report.Qoe.Stall);

        // Play: 1-11 s (10) + 30-35 s (5) + 35-45 s (10) = 25 s; 25 + 19 = 44 s, the wall time from play to sessionEnd.
        Assert.Equal(25, report.Metrics.TimePlayed);
        Assert.Equal(25, report.Chapters[0].TimePlayed);
        var close = Data(report.Calls[^1]);
        Assert.Equal(N(19), close["a.media.qoe.stallTime"]);
        Assert.Equal(B(true), close["a.media.qoe.stall"]);
    }

    [Fact]
    public void BurstOfEventsAtOnePlayhead_WithinASecond_IsNoStall()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            ChapterStart(0, T0 + 1001, index: 1, offset: 0, length: 100),
            State("stateStart", 0, T0 + 1002, "fullscreen"),
            Simple("ping", 10, T0 + 11_000),
            Simple("sessionEnd", 20, T0 + 21_000));

        Assert.Equal(0, report.Qoe.StallCount);
        Assert.Equal(20, report.Metrics.TimePlayed);
    }

    [Fact]
    public void TwoSeparateStalls_CountTwice()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 0, T0 + 2000),
            Simple("ping", 0, T0 + 3000),
            Simple("ping", 5, T0 + 8000),
            Simple("ping", 5, T0 + 9000),
            Simple("ping", 5, T0 + 10_000),
            Simple("sessionEnd", 10, T0 + 15_000));

        // Stalls 1-3 s and 8-10 s (2 s each); play 3-8 s and 10-15 s.
        Assert.Equal(2, report.Qoe.StallCount);
        Assert.Equal(4, report.Qoe.StallTime);
        Assert.Equal(10, report.Metrics.TimePlayed);
    }

    [Fact]
    public void PausedOrBuffering_AtOnePlayhead_IsNoStall()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("pauseStart", 5, T0 + 6000),
            Simple("ping", 5, T0 + 16_000),
            Simple("ping", 5, T0 + 26_000),
            Simple("bufferStart", 5, T0 + 27_000),
            Simple("ping", 5, T0 + 37_000),
            Simple("play", 5, T0 + 40_000),
            Simple("sessionEnd", 10, T0 + 45_000));

        Assert.Equal(0, report.Qoe.StallCount);
        Assert.Equal(10, report.Metrics.TimePlayed);
        Assert.Equal(21, report.Metrics.PauseTime);
        Assert.Equal(13, report.Qoe.BufferTime);
    }
}
