using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Timeline 2 of Adobe's documentation (docs/reference/media-collection-api.md#timeline-2), online: a pre-roll,
/// content, an error with no params at ph 20 followed by play (recovery), then the viewer closes the app in the middle
/// of a mid-roll ad and the client sends sessionEnd.
/// </summary>
public sealed class Timeline2Tests
{
    private static readonly SessionReport Report = SessionEvents.Online(
        SessionCloseKind.Open,
        SessionStart(T0, length: 45),
        AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0, friendlyName: "pre-roll"),
        AdStart(0, T0 + 2, "ad-1", 15, 1),
        Simple("adComplete", 0, T0 + 15_000),
        Simple("adBreakComplete", 0, T0 + 15_001),
        Simple("play", 0, T0 + 15_002),
        Simple("ping", 10, T0 + 25_000),
        Error(20, T0 + 35_000),
        Simple("play", 20, T0 + 35_001),
        AdBreakStart(25, T0 + 40_000, podIndex: 1, podSecond: 25, friendlyName: "mid-roll"),
        AdStart(25, T0 + 40_001, "ad-2", 10, 1),
        Simple("ping", 25, T0 + 45_000),
        Simple("sessionEnd", 25, T0 + 47_000));

    [Fact]
    public void Timeline2_Abandon_EndsWithoutCompletion()
    {
        Assert.Equal(SessionCloseKind.End, Report.Close);
        Assert.True(Report.Metrics.Play);
        Assert.False(Report.Metrics.Complete);
        Assert.Equal(0, Report.Metrics.SecondsSinceLastCall);
        Assert.Equal(0, Report.Metrics.DropBeforeStart);
        Assert.Empty(Report.IgnoredEvents);
    }

    [Fact]
    public void Timeline2_Times()
    {
        // The pre-roll break ends at 15.001 before any content play, so the player waits (no time) until play at 15.002.
        // Main content: 15.002-25.000 = 9.998, 25-35 = 10, error 35.000 to play 35.001 = 0.001 (an error does not
        // change the state), 35.001-40.000 = 4.999 (mid-roll break from 40.000). 9.998 + 10 + 0.001 + 4.999 = 24.998 s.
        Assert.Equal(24.998, Report.Metrics.TimePlayed);

        // Ad 1: 15.000 - 0.002 = 14.998. Ad 2 is abandoned: 47.000 - 40.001 = 6.999 up to sessionEnd.
        Assert.Equal([14.998, 6.999], Report.Ads.Select(ad => ad.TimePlayed));

        // 24.998 + 14.998 + 6.999 = 46.995 s.
        Assert.Equal(46.995, Report.Metrics.TotalTimePlayed);
        Assert.Equal(24.998 / 45, Report.Metrics.AverageMinuteAudience);
    }

    [Fact]
    public void Timeline2_ErrorIsCountedWithoutIds()
    {
        Assert.Equal(1, Report.Qoe.ErrorCount);
        Assert.True(Report.Qoe.Error);
        Assert.Empty(Report.Qoe.PlayerSdkErrors);
        Assert.Empty(Report.Qoe.ExternalErrors);
    }

    [Fact]
    public void Timeline2_ProgressStopsAtTheAbandonPoint()
    {
        // Ranges played: [0,10] [10,20] [20,25] = 25 s. Length 45: 10 % = 4.5, 25 % = 11.25, 50 % = 22.5 are passed;
        // 75 % = 33.75 and 95 % = 42.75 are not (the playhead stays at 25 during the mid-roll).
        Assert.Equal(25, Report.Metrics.UniqueTimePlayed);
        Assert.True(Report.Metrics.Progress10 && Report.Metrics.Progress25 && Report.Metrics.Progress50);
        Assert.False(Report.Metrics.Progress75);
        Assert.False(Report.Metrics.Progress95);
        Assert.Equal("0-1", Report.Metrics.Segment);
    }

    [Fact]
    public void Timeline2_AbandonedAd_IsClosedNotCompleteBeforeTheMainClose()
    {
        var abandoned = Report.Ads[1];
        Assert.False(abandoned.Complete);
        Assert.False(abandoned.Skipped);
        Assert.True(Report.Ads[0].Complete);

        Assert.Equal(["start", "adStart", "adClose", "adStart", "adClose", "close"], Report.Calls.Select(call => call.Type));
        var adClose = Data(Report.Calls[4]);
        Assert.Equal(S("ad-2"), adClose["a.media.ad.name"]);
        Assert.Equal(N(6.999), adClose["a.media.ad.timePlayed"]);
        Assert.False(adClose.ContainsKey("a.media.ad.complete"));

        var close = Data(Report.Calls[^1]);
        Assert.Equal(N(1), close["a.media.qoe.errorCount"]);
        Assert.Equal(B(true), close["a.media.qoe.error"]);
        Assert.False(close.ContainsKey("a.media.complete"));
        Assert.False(close.ContainsKey("a.media.qoe.playerSdkErrors"));
    }
}
