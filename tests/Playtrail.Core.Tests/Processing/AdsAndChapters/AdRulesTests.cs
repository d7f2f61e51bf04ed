using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Ads count only inside a break (docs/decisions/0014-ads-chapters-states.md); broken ad sequences are repaired and
/// listed, never rejected.
/// </summary>
public sealed class AdRulesTests
{
    [Fact]
    public void AdsOutsideABreak_AreIgnoredAndTheirTimeIsMainContent()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            AdStart(4, T0 + 5000, "stray", 15, 1),
            Simple("ping", 9, T0 + 10_000),
            Simple("adComplete", 19, T0 + 20_000),
            Simple("sessionEnd", 29, T0 + 30_000));

        Assert.Equal([new(2, IgnoreReasons.AdOutsideBreak), new(4, IgnoreReasons.AdOutsideBreak)], report.IgnoredEvents);
        Assert.Empty(report.Ads);
        Assert.Equal(0, report.Metrics.AdCount);

        // Everything from play to sessionEnd is main content: 30.000 - 1.000 = 29 s.
        Assert.Equal(29, report.Metrics.TimePlayed);
        Assert.Equal(29, report.Metrics.TotalTimePlayed);
        Assert.Equal(["start", "close"], report.Calls.Select(call => call.Type));
    }

    [Fact]
    public void AdStart_WhileAnAdIsOpen_ClosesTheOpenAdFirst()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(T0),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0),
            AdStart(0, T0 + 2, "first", 15, 1),
            AdStart(0, T0 + 5002, "second", 5, 2),
            Simple("adComplete", 0, T0 + 10_002),
            Simple("adBreakComplete", 0, T0 + 10_003),
            Simple("play", 0, T0 + 10_004),
            Simple("sessionComplete", 10, T0 + 20_004));

        Assert.Equal([new(3, IgnoreReasons.AdOverlap)], report.IgnoredEvents);

        // first: 5.002 - 0.002 = 5 s, closed by the second start (neither complete nor skipped); second: 10.002 - 5.002 = 5 s.
        Assert.Equal([("first", 5.0, false, false), ("second", 5.0, true, false)],
            report.Ads.Select(ad => (ad.Id, ad.TimePlayed, ad.Complete, ad.Skipped)));
        Assert.Equal(10, report.Metrics.TimePlayed);

        // Downloaded: ad start calls carry their adStart's ts, every close call the last event's ts.
        Assert.Equal(
            [("start", T0), ("adStart", T0 + 2), ("adClose", T0 + 20_004), ("adStart", T0 + 5002), ("adClose", T0 + 20_004), ("close", T0 + 20_004)],
            report.Calls.Select(call => (call.Type, call.Ts!.Value)));
        Assert.All(report.Calls, call => Assert.Equal(B(true), Data(call)["a.media.downloaded"]));
    }

    [Fact]
    public void BrokenBreaks_AreListedAndRepaired()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Simple("adBreakComplete", 1, T0 + 2000),
            AdBreakStart(2, T0 + 3000, podIndex: 1, podSecond: 2),
            Simple("adComplete", 2, T0 + 4000),
            AdBreakStart(2, T0 + 5000, podIndex: 2, podSecond: 2),
            AdStart(2, T0 + 6000, "x", 30, 1),
            Simple("adSkip", 2, T0 + 8000),
            Simple("adBreakComplete", 2, T0 + 9000),
            Simple("sessionEnd", 3, T0 + 10_000));

        Assert.Equal(
            [new(2, IgnoreReasons.AdBreakNotStarted), new(4, IgnoreReasons.AdNotStarted), new(5, IgnoreReasons.AdBreakOverlap)],
            report.IgnoredEvents);
        var ad = Assert.Single(report.Ads);
        Assert.EndsWith("_2", ad.Pod);
        Assert.True(ad.Skipped);
        Assert.False(ad.Complete);

        // The ad plays 6 s to 8 s = 2 s; main content 1-3 s (2 s) and 9-10 s (1 s) = 3 s; 2 s of break without an ad count nowhere.
        Assert.Equal(2, ad.TimePlayed);
        Assert.Equal(3, report.Metrics.TimePlayed);
        Assert.Equal(5, report.Metrics.TotalTimePlayed);
    }

    [Fact]
    public void PlayInsideAPreRoll_DoesNotStartContent_AndPausesInAnAdAreNotAdTime()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0),
            AdStart(0, T0 + 2, "ad", 10, 1),
            Simple("pauseStart", 0, T0 + 3002),
            Simple("play", 0, T0 + 5002),
            Simple("adComplete", 0, T0 + 10_002),
            Simple("adBreakComplete", 0, T0 + 10_003),
            Simple("play", 0, T0 + 10_004),
            Simple("sessionEnd", 5, T0 + 15_004));

        // Ad: 0.002-3.002 (3 s) + 5.002-10.002 (5 s) = 8 s; paused 3.002-5.002 = 2 s.
        Assert.Equal(8, report.Ads[0].TimePlayed);
        Assert.Equal(2, report.Metrics.PauseTime);
        Assert.Equal(1, report.Metrics.PauseCount);

        // Content starts with the play after the break: 15.004 - 10.004 = 5 s.
        Assert.True(report.Metrics.Play);
        Assert.Equal(5, report.Metrics.TimePlayed);
        Assert.Equal(13, report.Metrics.TotalTimePlayed);
    }

    [Fact]
    public void LeavingDuringAPreRoll_IsADropBeforeStart()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0),
            AdStart(0, T0 + 2, "ad", 10, 1),
            Simple("sessionEnd", 0, T0 + 4002));

        Assert.False(report.Metrics.Play);
        Assert.Equal(1, report.Metrics.DropBeforeStart);
        Assert.Equal(4, report.Metrics.TotalTimePlayed);
        Assert.Equal(0, report.Metrics.TimePlayed);
        Assert.Equal(N(1), Data(report.Calls[^1])["a.media.qoe.dropBeforeStart"]);
    }
}
