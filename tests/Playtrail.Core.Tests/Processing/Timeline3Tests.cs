using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Timeline 3 of Adobe's documentation (docs/reference/media-collection-api.md#timeline-3), online: chapter 1 {index 1,
/// offset 0, length 20} after the first play, chapterComplete before a mid-roll, chapter 2 {index 2, offset 22, length
/// 22} after the break, chapterComplete, sessionComplete.
/// </summary>
public sealed class Timeline3Tests
{
    private static readonly SessionReport Report = SessionEvents.Online(
        SessionCloseKind.Open,
        SessionStart(T0, length: 44),
        Simple("play", 0, T0 + 1),
        ChapterStart(0, T0 + 2, index: 1, offset: 0, length: 20, friendlyName: "Opening", customMetadata: """{"chapter.topic": "intro"}"""),
        Simple("ping", 10, T0 + 10_000),
        Simple("ping", 20, T0 + 20_000),
        Simple("chapterComplete", 20, T0 + 20_001),
        AdBreakStart(20, T0 + 20_002, podIndex: 1, podSecond: 20),
        AdStart(20, T0 + 20_003, "ad-1", 10, 1),
        Simple("adComplete", 20, T0 + 30_003),
        Simple("adBreakComplete", 20, T0 + 30_004),
        Simple("play", 20, T0 + 30_005),
        ChapterStart(22, T0 + 32_005, index: 2, offset: 22, length: 22),
        Simple("ping", 32, T0 + 42_005),
        Simple("chapterComplete", 44, T0 + 54_005),
        Simple("sessionComplete", 44, T0 + 54_006));

    [Fact]
    public void Timeline3_ChapterTime_IsMainContentPlayingWhileOpen()
    {
        // Chapter 1 opens at 0.002 and closes at 20.001: 20.001 - 0.002 = 19.999 s, all playing.
        // Chapter 2 opens at 32.005 and closes at 54.005: 22.000 s (the ad is outside both chapters).
        Assert.Equal([19.999, 22.0], Report.Chapters.Select(chapter => chapter.TimePlayed));
        Assert.All(Report.Chapters, chapter => Assert.True(chapter.Complete && chapter.View && !chapter.Skipped));
        Assert.Equal(2, Report.Metrics.ChapterCount);
    }

    [Fact]
    public void Timeline3_TimePlayed()
    {
        // Main content: 0.001-20.002 = 20.001 (play to adBreakStart; the three events at ph 20 within 2 ms are no stall),
        // then 30.004-54.006 = 24.002 (adBreakComplete to sessionComplete). 20.001 + 24.002 = 44.003 s.
        Assert.Equal(44.003, Report.Metrics.TimePlayed);
        Assert.Equal(0, Report.Qoe.StallCount);

        // Ad: 30.003 - 20.003 = 10 s. 44.003 + 10 = 54.003 s.
        Assert.Equal(54.003, Report.Metrics.TotalTimePlayed);

        // Ranges [0,10] [10,20] [20,22] [22,32] [32,44] = 44 s of 44.
        Assert.Equal(44, Report.Metrics.UniqueTimePlayed);
    }

    [Fact]
    public void Timeline3_Chapters_CarryTheirIdsAndMergedMetadata()
    {
        var (first, second) = (Report.Chapters[0], Report.Chapters[1]);

        Assert.Equal((1L, 0.0, 20.0, "Opening"), (first.Index, first.Offset, first.Length, first.FriendlyName));
        Assert.Equal((2L, 22.0, 22.0, (string?)null), (second.Index, second.Offset, second.Length, second.FriendlyName));
        Assert.EndsWith("_1", first.Id);
        Assert.Equal(first.Id[..^2] + "_2", second.Id);
        Assert.Equal([new("cms.section", "films"), new("chapter.topic", "intro")], first.CustomMetadata);
        Assert.Equal([new("cms.section", "films")], second.CustomMetadata);
    }

    [Fact]
    public void Timeline3_ChapterCloseCalls_ComeWhereTheChaptersEnd()
    {
        Assert.Equal(["start", "chapterClose", "adStart", "adClose", "chapterClose", "close"], Report.Calls.Select(call => call.Type));

        var chapterClose = Data(Report.Calls[1]);
        Assert.Equal(S(Report.Chapters[0].Id), chapterClose["a.media.chapter.name"]);
        Assert.Equal(S("Opening"), chapterClose["a.media.chapter.friendlyName"]);
        Assert.Equal(N(1), chapterClose["a.media.chapter.position"]);
        Assert.Equal(N(0), chapterClose["a.media.chapter.offset"]);
        Assert.Equal(N(20), chapterClose["a.media.chapter.length"]);
        Assert.Equal(B(true), chapterClose["a.media.chapter.view"]);
        Assert.Equal(B(true), chapterClose["a.media.chapter.complete"]);
        Assert.Equal(N(19.999), chapterClose["a.media.chapter.timePlayed"]);
        Assert.Equal(S("intro"), chapterClose["chapter.topic"]);
        Assert.Equal(S("films"), chapterClose["cms.section"]);

        Assert.Equal(N(2), Data(Report.Calls[^1])["a.media.chapterCount"]);
    }
}
