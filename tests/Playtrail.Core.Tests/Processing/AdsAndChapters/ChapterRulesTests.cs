using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Chapters: a new start skips the open chapter (docs/decisions/0014-ads-chapters-states.md); a chapter left open
/// closes with the session.
/// </summary>
public sealed class ChapterRulesTests
{
    [Fact]
    public void ChapterLeftOpen_ClosesWithTheSession_NeitherCompleteNorSkipped()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            ChapterStart(1, T0 + 2000, index: 1, offset: 0, length: 30),
            Simple("ping", 11, T0 + 12_000),
            Simple("sessionEnd", 19, T0 + 20_000));

        var chapter = Assert.Single(report.Chapters);

        // Open from 2 s to the sessionEnd at 20 s, playing throughout: 18 s.
        Assert.Equal(18, chapter.TimePlayed);
        Assert.False(chapter.Complete);
        Assert.False(chapter.Skipped);
        Assert.Equal(["start", "chapterClose", "close"], report.Calls.Select(call => call.Type));
        Assert.False(Data(report.Calls[1]).ContainsKey("a.media.chapter.complete"));
        Assert.Empty(report.IgnoredEvents);
    }

    [Fact]
    public void ChapterStart_WhileOneIsOpen_SkipsTheOpenChapter()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            ChapterStart(1, T0 + 2000, index: 1, offset: 0, length: 30),
            ChapterStart(6, T0 + 7000, index: 2, offset: 30, length: 30),
            Simple("chapterSkip", 8, T0 + 9000),
            Simple("chapterComplete", 9, T0 + 10_000),
            Simple("sessionComplete", 11, T0 + 12_000));

        Assert.Equal([new(3, IgnoreReasons.ChapterOverlap), new(5, IgnoreReasons.ChapterNotStarted)], report.IgnoredEvents);

        // Chapter 1: 2 s to 7 s = 5 s; chapter 2: 7 s to the skip at 9 s = 2 s.
        Assert.Equal([(1L, 5.0, true, false), (2L, 2.0, true, false)],
            report.Chapters.Select(chapter => (chapter.Index, chapter.TimePlayed, chapter.Skipped, chapter.Complete)));
        Assert.Equal(2, report.Metrics.ChapterCount);
        Assert.Equal(["start", "chapterClose", "chapterClose", "close"], report.Calls.Select(call => call.Type));
    }
}
