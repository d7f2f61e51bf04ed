using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// QoE metrics (docs/reference/media-collection-api.md#qoe-metrics;
/// docs/decisions/0007-strict-validation-qoe-anywhere.md, docs/decisions/0015-units.md).
/// </summary>
public sealed class QoeTests
{
    [Fact]
    public void BitrateAverage_IsWeightedByMainContentPlayTime()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, length: 100, qoeData: """{"media.qoe.timeToStart": 1200, "media.qoe.bitrate": 1000}"""),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            BitrateChange(20, T0 + 21_000, 2500),
            Simple("pauseStart", 30, T0 + 31_000),
            Simple("play", 30, T0 + 41_000),
            Simple("sessionEnd", 35, T0 + 46_000));

        // 1000 plays from 1 s to 21 s (20 s); 2500 plays 21-31 s and 41-46 s (15 s); the 10 s pause weighs nothing.
        // (1000 * 20 + 2500 * 15) / 35 = 57500 / 35 = 1642.857..., in the bucket 1600-1699.
        Assert.Equal(57500.0 / 35, report.Qoe.BitrateAverage!.Value, precision: 9);
        Assert.Equal("1600-1699", report.Qoe.BitrateAverageBucket);
        Assert.Equal(1, report.Qoe.BitrateChangeCount);
        Assert.True(report.Qoe.BitrateChange);
        Assert.Equal(S("1600-1699"), Data(report.Calls[^1])["a.media.qoe.bitrateAverageBucket"]);
    }

    [Theory]
    [InlineData(0, "0-99")]
    [InlineData(99.9, "0-99")]
    [InlineData(100, "100-199")]
    [InlineData(10_000, "10000-10099")]
    public void BitrateBuckets_AreStepsOf100(double bitrate, string bucket)
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0, qoeData: $$"""{"media.qoe.bitrate": {{bitrate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000));

        Assert.Equal(bitrate, report.Qoe.BitrateAverage);
        Assert.Equal(bucket, report.Qoe.BitrateAverageBucket);
    }

    [Fact]
    public void DroppedFramesAndFps_AreTheLatestValues()
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000, """{"media.qoe.droppedFrames": 3, "media.qoe.framesPerSecond": 30}"""),
            Simple("ping", 10, T0 + 11_000, """{"media.qoe.droppedFrames": 7, "media.qoe.framesPerSecond": 24}"""),
            Simple("ping", 20, T0 + 21_000));

        Assert.Equal(7, report.Qoe.DroppedFrameCount);
        Assert.True(report.Qoe.DroppedFrames);
        Assert.Equal(24, report.Qoe.FramesPerSecond);
        Assert.Equal(N(24), Data(report.Calls[^1])["a.media.qoe.framesPerSecond"]);
    }

    [Fact]
    public void ErrorIds_AreReadFromQoeDataOrParams_Unique_AndSplitBySource()
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Error(1, T0 + 2000, "net", "player"),
            Error(2, T0 + 3000, "cdn-403", "external", inParams: true),
            Error(3, T0 + 4000, "net", "player"),
            Error(4, T0 + 5000, "decoder"),
            Error(5, T0 + 6000));

        Assert.Equal(5, report.Qoe.ErrorCount);
        Assert.Equal(["net", "decoder"], report.Qoe.PlayerSdkErrors);
        Assert.Equal(["cdn-403"], report.Qoe.ExternalErrors);
        var close = Data(report.Calls[^1]);
        Assert.Equal(S("net,decoder"), close["a.media.qoe.playerSdkErrors"]);
        Assert.Equal(S("cdn-403"), close["a.media.qoe.externalErrors"]);
        Assert.Equal(N(5), close["a.media.qoe.errorCount"]);
    }

    [Fact]
    public void TimeToStart_IsReadFromParams_WhenQoeDataHasNone()
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0, extraParams: "\"media.qoe.timeToStart\": 2500", qoeData: null));

        Assert.Equal(2.5, report.Qoe.TimeToStart);
    }

    [Fact]
    public void QoeData_WinsOverParams_OnTheSameEvent()
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            """{"eventType": "bitrateChange", "playerTime": {"playhead": 1, "ts": 1700000002000}, "params": {"media.qoe.bitrate": 500}, "qoeData": {"media.qoe.bitrate": 800}}""",
            Simple("ping", 11, T0 + 12_000));

        Assert.Equal(800, report.Qoe.BitrateAverage);
    }
}
