using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Playhead-based metrics: unique time played, progress markers (docs/decisions/0013-progress-markers.md), segment.
/// </summary>
public sealed class PlayheadTests
{
    [Fact]
    public void Rewatching_CountsTimePlayedTwice_AndUniqueTimeOnce()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("pauseStart", 10, T0 + 11_001),
            Simple("play", 0, T0 + 12_000),
            Simple("ping", 10, T0 + 22_000),
            Simple("sessionEnd", 12, T0 + 24_000));

        // Play 1-11 s (10) + 11.000-11.001 (0.001) + 12-22 s (10) + 22-24 s (2) = 22.001 s; seek back during the pause.
        Assert.Equal(22.001, report.Metrics.TimePlayed);
        Assert.Equal(0.999, report.Metrics.PauseTime);

        // [0,10] twice and [10,12]: 12 s of content.
        Assert.Equal(12, report.Metrics.UniqueTimePlayed);
    }

    [Fact]
    public void ForwardSeek_FiresEveryMarkerPassed()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 5, T0 + 6000),
            Simple("pauseStart", 5, T0 + 6001),
            Simple("play", 80, T0 + 7000),
            Simple("sessionEnd", 81, T0 + 8000));

        var metrics = report.Metrics;
        Assert.Equal([true, true, true, true, false],
            new[] { metrics.Progress10, metrics.Progress25, metrics.Progress50, metrics.Progress75, metrics.Progress95 });

        // Played [0,5] and [80,81]: the seek happened while paused, so 5 to 80 was not played.
        Assert.Equal(6, metrics.UniqueTimePlayed);
        Assert.Equal("0-2", metrics.Segment);
        var close = Data(report.Calls[^1]);
        Assert.True(close.ContainsKey("a.media.progress75"));
        Assert.False(close.ContainsKey("a.media.progress95"));
    }

    [Fact]
    public void NoLength_MeansNoMarkersNoAverageAudience_AndNoClipping()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 0),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("sessionEnd", 20, T0 + 21_000));

        Assert.False(report.Metrics.Progress10);
        Assert.Null(report.Metrics.AverageMinuteAudience);
        Assert.Equal(20, report.Metrics.UniqueTimePlayed);
        Assert.False(Data(report.Calls[^1]).ContainsKey("a.media.averageMinuteAudience"));
    }

    [Fact]
    public void UniqueTime_IsClippedToTheLength()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 10),
            Simple("play", 0, T0 + 1000),
            Simple("sessionEnd", 15, T0 + 16_000));

        Assert.Equal(10, report.Metrics.UniqueTimePlayed);
        Assert.Equal(15, report.Metrics.TimePlayed);
    }

    [Fact]
    public void WithoutContentPlay_NoMarkerFires()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100),
            Simple("bufferStart", 60, T0 + 1000),
            Simple("sessionEnd", 99, T0 + 2000));

        Assert.False(report.Metrics.Progress10);
        Assert.Equal(1, report.Metrics.DropBeforeStart);
        Assert.Equal(1, report.Qoe.BufferTime);
    }
}
