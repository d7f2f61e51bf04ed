using Playtrail.Core.Processing;
using Playtrail.Testing;
using static Playtrail.Core.Tests.Processing.CallAssert;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// The downloaded sample of Adobe's downloaded-content guide (docs/reference/media-collection-api.md#downloaded-sample,
/// Samples.SeedDownloaded), every metric worked out by hand. Its events: sessionStart ts 1529997923478 ph 0 (length 35,
/// timeToStart 1200 ms, customMetadata cms.section=films); play 1529997928174 ph 0; ping 1529997937503 ph 10; ping
/// 1529997947533 ph 20; ping 1529997957545 ph 30; sessionComplete 1529997960559 ph 35.
/// </summary>
public sealed class SeedSampleTests
{
    private static readonly SessionReport Report = SessionProcessor.Process(
        SessionEvents.FromDownloaded(Samples.SeedDownloaded()),
        new SessionContext(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray));

    [Fact]
    public void SeedSample_ContentStartsAndCompletes()
    {
        var metrics = Report.Metrics;

        Assert.True(metrics.View);
        Assert.True(metrics.Play);
        Assert.True(metrics.Complete);
        Assert.Equal(SessionCloseKind.Complete, Report.Close); // sessionComplete wins over the caller's EndOfArray
        Assert.Equal(0, metrics.DropBeforeStart);
        Assert.Empty(Report.IgnoredEvents);
        Assert.Equal(6, Report.EventCount);
    }

    [Fact]
    public void SeedSample_TimesComeFromTsDifferences()
    {
        var metrics = Report.Metrics;

        // Starting from sessionStart to play counts nowhere: 1529997928174 - 1529997923478 = 4696 ms.
        // Playing from play to sessionComplete: 1529997960559 - 1529997928174 = 32385 ms = 32.385 s; there are no ads.
        Assert.Equal(32.385, metrics.TimePlayed);
        Assert.Equal(32.385, metrics.TotalTimePlayed);

        // Playhead ranges played: [0,10] + [10,20] + [20,30] + [30,35] = 35 s, within the length of 35.
        Assert.Equal(35, metrics.UniqueTimePlayed);

        // 32.385 / 35 = 0.92528...
        Assert.Equal(32.385 / 35, metrics.AverageMinuteAudience);

        // floor(32.385 / 1800) + 1 = 0 + 1.
        Assert.Equal(1, metrics.EstimatedStreams);
        Assert.Equal(0, metrics.PauseTime);
        Assert.Equal(0, metrics.SecondsSinceLastCall);
    }

    [Fact]
    public void SeedSample_FiresEveryProgressMarker()
    {
        var metrics = Report.Metrics;

        // Length 35: 10 % = 3.5 and 25 % = 8.75 (both passed by the ping at 10), 50 % = 17.5 (ping at 20),
        // 75 % = 26.25 (ping at 30), 95 % = 33.25 (sessionComplete at 35).
        Assert.True(metrics.Progress10);
        Assert.True(metrics.Progress25);
        Assert.True(metrics.Progress50);
        Assert.True(metrics.Progress75);
        Assert.True(metrics.Progress95);

        // Playheads played run from 0 s (minute 0, rounded down) to 35 s (minute 1, rounded up).
        Assert.Equal("0-1", metrics.Segment);
        Assert.True(metrics.SegmentView);
    }

    [Fact]
    public void SeedSample_ReportsQoeAndMedia()
    {
        // 1200 ms on the wire is 1.2 s in the report.
        Assert.Equal(1.2, Report.Qoe.TimeToStart);
        Assert.Null(Report.Qoe.BitrateAverage);
        Assert.Equal(0, Report.Qoe.BufferCount);
        Assert.Equal(0, Report.Qoe.StallCount);
        Assert.Equal(0, Report.Qoe.ErrorCount);

        Assert.Equal("movie-42", Report.Media.Id);
        Assert.Equal("The Long Flight", Report.Media.Name);
        Assert.Equal(35, Report.Media.Length);
        Assert.Equal("vod", Report.Media.ContentType);
        Assert.True(Report.Media.Downloaded);
        Assert.Equal([new("cms.section", "films")], Report.Media.CustomMetadata);
        Assert.Equal(1529997923478, Report.FirstEventTs);
        Assert.Equal(1529997960559, Report.LastEventTs);
    }

    [Fact]
    public void SeedSample_StartCall_IsStampedWithTheFirstEventTs()
    {
        Assert.Equal([AnalyticsCallTypes.Start, AnalyticsCallTypes.Close], Report.Calls.Select(c => c.Type));
        var start = Report.Calls[0];

        Assert.Equal(1529997923478, start.Ts);
        Assert.Equal(
            [
                new("a.media.name", S("movie-42")),
                new("a.media.friendlyName", S("The Long Flight")),
                new("a.media.length", N(35)),
                new("a.contentType", S("vod")),
                new("a.media.playerName", S("sample-player")),
                new("a.media.channel", S("sample-app")),
                new("a.media.vsid", S(SessionEvents.SessionId)),
                new("a.media.downloaded", B(true)),
                new("cms.section", S("films")),
                new("a.media.view", B(true)),
            ],
            start.ContextData);
    }

    [Fact]
    public void SeedSample_CloseCall_IsStampedWithTheLastEventTsAndCarriesEveryMetric()
    {
        var close = Report.Calls[1];

        Assert.Equal(1529997960559, close.Ts);
        Exactly(new Dictionary<string, ContextValue>
        {
            ["a.media.name"] = S("movie-42"),
            ["a.media.friendlyName"] = S("The Long Flight"),
            ["a.media.length"] = N(35),
            ["a.contentType"] = S("vod"),
            ["a.media.playerName"] = S("sample-player"),
            ["a.media.channel"] = S("sample-app"),
            ["a.media.vsid"] = S(SessionEvents.SessionId),
            ["a.media.downloaded"] = B(true),
            ["cms.section"] = S("films"),
            ["a.media.play"] = B(true),
            ["a.media.complete"] = B(true),
            ["a.media.timePlayed"] = N(32.385),
            ["a.media.totalTimePlayed"] = N(32.385),
            ["a.media.uniqueTimePlayed"] = N(35),
            ["a.media.progress10"] = B(true),
            ["a.media.progress25"] = B(true),
            ["a.media.progress50"] = B(true),
            ["a.media.progress75"] = B(true),
            ["a.media.progress95"] = B(true),
            ["a.media.averageMinuteAudience"] = N(32.385 / 35),
            ["a.media.estimatedStreams"] = N(1),
            ["a.media.segment"] = S("0-1"),
            ["a.media.segmentView"] = B(true),
            ["a.media.pauseCount"] = N(0),
            ["a.media.pauseTime"] = N(0),
            ["a.media.adCount"] = N(0),
            ["a.media.chapterCount"] = N(0),
            ["a.media.secondsSinceLastCall"] = N(0),
            ["a.media.qoe.timeToStart"] = N(1.2),
            ["a.media.qoe.bitrateChangeCount"] = N(0),
            ["a.media.qoe.bufferCount"] = N(0),
            ["a.media.qoe.bufferTime"] = N(0),
            ["a.media.qoe.droppedFrameCount"] = N(0),
            ["a.media.qoe.errorCount"] = N(0),
            ["a.media.qoe.stallCount"] = N(0),
            ["a.media.qoe.stallTime"] = N(0),
        }, close);
    }
}
