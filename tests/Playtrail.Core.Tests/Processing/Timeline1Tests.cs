using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Timeline 1 of Adobe's documentation (docs/reference/media-collection-api.md#timeline-1), online: two pre-roll ads
/// (15 s and 7 s), buffering 33-36 s, a mid-roll 46-54 s, a pause 64-74 s, complete at 88 s. Events of one wall-clock
/// second are 1 ms apart, in the order the timeline lists them.
/// </summary>
public sealed class Timeline1Tests
{
    private static readonly string[] Events = Build();

    private static readonly SessionReport Report = SessionEvents.Online(SessionCloseKind.Open, Events);

    private static string[] Build()
    {
        var events = new List<string>
        {
            SessionStart(T0, length: 45),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0, friendlyName: "ad_pod1"),
            AdStart(0, T0 + 2, "ad-1", 15, 1, customMetadata: """{"cms.section": "ads", "campaign.region": "emea"}""", name: "First ad"),
        };
        events.AddRange(Enumerable.Range(1, 14).Select(second => Simple("ping", 0, T0 + (second * 1000))));
        events.Add(Simple("adComplete", 0, T0 + 15_000));
        events.Add(AdStart(0, T0 + 15_001, "ad-2", 7, 2));
        events.AddRange(Enumerable.Range(16, 6).Select(second => Simple("ping", 0, T0 + (second * 1000))));
        events.AddRange(
        [
            Simple("adComplete", 0, T0 + 22_000),
            Simple("adBreakComplete", 0, T0 + 22_001),
            Simple("play", 0, T0 + 22_002),
            Simple("ping", 8, T0 + 30_000),
            Simple("bufferStart", 11, T0 + 33_000),
            Simple("play", 11, T0 + 36_000),
            Simple("ping", 15, T0 + 40_000),
            AdBreakStart(21, T0 + 46_000, podIndex: 1, podSecond: 21, friendlyName: "mid-roll"),
            AdStart(21, T0 + 46_001, "ad-3", 8, 1),
            Simple("ping", 21, T0 + 50_000),
            Simple("adComplete", 21, T0 + 54_000),
            Simple("adBreakComplete", 21, T0 + 54_001),
            Simple("play", 21, T0 + 54_002),
            Simple("ping", 27, T0 + 60_000),
            Simple("pauseStart", 31, T0 + 64_000),
            Simple("ping", 31, T0 + 70_000),
            Simple("play", 31, T0 + 74_000),
            Simple("ping", 37, T0 + 80_000),
            Simple("sessionComplete", 45, T0 + 88_000),
        ]);
        return [.. events];
    }

    [Fact]
    public void Timeline1_TimePlayed_IsMainContentPlayingOnly()
    {
        // Main content plays from the first play (22.002 s) with these intervals:
        //   22.002-33.000 = 10.998 (buffer from 33 s to the play at 36 s is not play time)
        //   36.000-46.000 = 10.000 (the mid-roll break starts at 46.000)
        //   54.001-64.000 =  9.999 (adBreakComplete at 54.001 returns to main content, still playing; pause at 64)
        //   74.000-88.000 = 14.000 (pause ends with the play at 74)
        // 10.998 + 10 + 9.999 + 14 = 44.997 s.
        Assert.Equal(44.997, Report.Metrics.TimePlayed);

        // Ads: 15.000 - 0.002 = 14.998; 22.000 - 15.001 = 6.999; 54.000 - 46.001 = 7.999; sum 29.996.
        // The 1 ms gaps inside breaks with no ad open count for nothing. 44.997 + 29.996 = 74.993 s.
        Assert.Equal(74.993, Report.Metrics.TotalTimePlayed);
        Assert.Equal([14.998, 6.999, 7.999], Report.Ads.Select(ad => ad.TimePlayed));
    }

    [Fact]
    public void Timeline1_PauseBufferAndCounts()
    {
        var metrics = Report.Metrics;

        // pauseStart 64 s to play 74 s = 10 s; the ping at 70 s (paused) adds no second pause.
        Assert.True(metrics.Pause);
        Assert.Equal(1, metrics.PauseCount);
        Assert.Equal(10, metrics.PauseTime);

        // bufferStart 33 s to play 36 s = 3 s.
        Assert.Equal(1, Report.Qoe.BufferCount);
        Assert.Equal(3, Report.Qoe.BufferTime);
        Assert.True(Report.Qoe.Buffer);

        Assert.Equal(3, metrics.AdCount);
        Assert.Equal(0, metrics.ChapterCount);
        Assert.Equal(0, Report.Qoe.StallCount);
        Assert.Empty(Report.IgnoredEvents);
    }

    [Fact]
    public void Timeline1_PlayheadMetrics()
    {
        var metrics = Report.Metrics;

        // Ranges played on main content: [0,8] [8,11] [11,15] [15,21] [21,27] [27,31] [31,37] [37,45] = [0,45], 45 s.
        Assert.Equal(45, metrics.UniqueTimePlayed);

        // 44.997 / 45; every marker fires (the playhead reaches 45 of 45); floor(74.993 / 1800) + 1 = 1.
        Assert.Equal(44.997 / 45, metrics.AverageMinuteAudience);
        Assert.True(metrics.Progress10 && metrics.Progress25 && metrics.Progress50 && metrics.Progress75 && metrics.Progress95);
        Assert.Equal(1, metrics.EstimatedStreams);
        Assert.Equal("0-1", metrics.Segment);
        Assert.True(metrics.Play);
        Assert.True(metrics.Complete);
        Assert.Equal(0, metrics.SecondsSinceLastCall);
    }

    [Fact]
    public void Timeline1_Ads_CarryTheirPodAndMergedMetadata()
    {
        // The pod id is MD5(media.id) + "_" + podIndex (the formula itself is checked against RFC 1321 in ContentIdTests).
        var pod = Report.Ads[0].Pod[..^2];
        Assert.Matches("^[0-9a-f]{32}$", pod);
        var (first, second, third) = (Report.Ads[0], Report.Ads[1], Report.Ads[2]);

        Assert.Equal(("ad-1", "First ad", 15.0, 1L, pod + "_0", "ad_pod1", 0L, 0.0, true, false),
            (first.Id, first.Name, first.Length, first.PodPosition, first.Pod, first.PodFriendlyName, first.PodIndex, first.PodSecond, first.Complete, first.Skipped));
        Assert.Equal(("ad-2", 7.0, 2L, pod + "_0", true), (second.Id, second.Length, second.PodPosition, second.Pod, second.Complete));
        Assert.Equal(("ad-3", pod + "_1", "mid-roll", 21.0, true), (third.Id, third.Pod, third.PodFriendlyName, third.PodSecond, third.Complete));

        // The session's cms.section=films is overridden by the ad's own value; the ad's extra key is added.
        Assert.Equal([new("cms.section", "ads"), new("campaign.region", "emea")], first.CustomMetadata);
        Assert.Equal([new("cms.section", "films")], second.CustomMetadata);
    }

    [Fact]
    public void Timeline1_Calls_AreInOrderWithoutTsOnline()
    {
        Assert.Equal(
            ["start", "adStart", "adClose", "adStart", "adClose", "adStart", "adClose", "close"],
            Report.Calls.Select(call => call.Type));
        Assert.All(Report.Calls, call => Assert.Null(call.Ts));
        Assert.DoesNotContain(Report.Calls, call => call.ContextData.Any(pair => pair.Key == "a.media.downloaded"));

        var adStart = Data(Report.Calls[1]);
        Assert.Equal(B(true), adStart["a.media.ad.view"]);
        Assert.Equal(S("ad-1"), adStart["a.media.ad.name"]);
        Assert.Equal(S("First ad"), adStart["a.media.ad.friendlyName"]);
        Assert.Equal(N(1), adStart["a.media.ad.podPosition"]);
        Assert.Equal(N(0), adStart["a.media.ad.podSecond"]);
        Assert.Equal(S("ad_pod1"), adStart["a.media.ad.podFriendlyName"]);
        Assert.Equal(S("ads"), adStart["cms.section"]);
        Assert.Equal(S(MediaId), adStart["a.media.name"]);

        var adClose = Data(Report.Calls[2]);
        Assert.Equal(B(true), adClose["a.media.ad.complete"]);
        Assert.Equal(N(14.998), adClose["a.media.ad.timePlayed"]);
        Assert.False(adClose.ContainsKey("a.media.ad.view"));

        var close = Data(Report.Calls[^1]);
        Assert.Equal(N(44.997), close["a.media.timePlayed"]);
        Assert.Equal(N(3), close["a.media.adCount"]);
        Assert.Equal(N(10), close["a.media.pauseTime"]);
        Assert.Equal(N(3), close["a.media.qoe.bufferTime"]);
        Assert.Equal(B(true), close["a.media.qoe.buffer"]);
    }
}
