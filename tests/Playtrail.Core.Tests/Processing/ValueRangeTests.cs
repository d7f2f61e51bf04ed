using System.Text.Json;
using Playtrail.Core.Processing;
using Playtrail.Core.Tests.Validation;
using Playtrail.Core.Validation;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Values at the edges of what the validator accepts: each is either refused with the rule it breaks, or processed
/// into a report and calls that can be written as JSON.
/// </summary>
public sealed class ValueRangeTests
{
    private static readonly ReportHeader Header = new(SessionEvents.SessionId, "ended", true, DateTimeOffset.UnixEpoch, null);

    [Theory]
    [InlineData(253_402_300_800_000)] // 10000-01-01T00:00:00Z, the first instant a DateTimeOffset cannot hold
    [InlineData(4_102_444_800_000)] // 2100-01-01T00:00:00Z
    [InlineData(9_007_199_254_740_993)]
    [InlineData(long.MaxValue)]
    public void Ts_AfterTheDocumentedRange_IsRefusedAtItsPointerWithRuleMaximum(long ts)
    {
        var run = ValidationRun.Of("[" + SessionStart(T0) + "," + Simple("ping", 0, ts) + "]", IngestionRoute.Downloaded);

        run.AssertSingle("/1/playerTime/ts", ValidationRules.Maximum);
        Assert.Contains("2099-12-31T23:59:59.999Z", run.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9223372036854775808", ValidationRules.Maximum)]
    [InlineData("1e20", ValidationRules.Maximum)]
    [InlineData("-1e20", ValidationRules.Minimum)]
    [InlineData("1.5", ValidationRules.Type)]
    public void Ts_AWholeNumberBeyond64Bits_IsOutOfRangeRatherThanOfTheWrongType(string ts, string rule)
    {
        var run = ValidationRun.Of($$$"""{"eventType": "ping", "playerTime": {"playhead": 0, "ts": {{{ts}}}}}""", IngestionRoute.Events);

        run.AssertSingle("/playerTime/ts", rule);
    }

    [Fact]
    public void Ts_AtTheEdgesOfTheRange_IsAcceptedAndProcessed()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(ValueRanges.MinTimestamp),
            Simple("play", 0, ValueRanges.MinTimestamp + 1),
            Simple("ping", 10, ValueRanges.MaxTimestamp));

        Assert.Equal(ValueRanges.MaxTimestamp, report.LastEventTs);
        Assert.Equal((ValueRanges.MaxTimestamp - 1) / 1000.0, report.Metrics.TimePlayed);
    }

    [Fact]
    public void Playhead_AboveTheMaximum_IsRefusedWithRuleMaximum()
    {
        var run = ValidationRun.Of(Simple("ping", 1e14, T0), IngestionRoute.Events);

        run.AssertSingle("/playerTime/playhead", ValidationRules.Maximum);
    }

    [Theory]
    [InlineData("media.qoe.bitrate", "1e300")]
    [InlineData("media.qoe.droppedFrames", "1.7976931348623157e308")]
    [InlineData("media.qoe.timeToStart", "10000000000001")]
    public void QoeValue_AboveTheMaximum_IsRefusedWithRuleMaximum(string key, string value)
    {
        var run = ValidationRun.Of($$$"""{"eventType": "bitrateChange", "playerTime": {"playhead": 1, "ts": {{{T0}}}}, "qoeData": {"{{{key}}}": {{{value}}}}}""",
            IngestionRoute.Events);

        run.AssertSingle("/qoeData/" + key, ValidationRules.Maximum);
    }

    [Fact]
    public void AdLength_FarBelowZero_IsRefusedWithRuleMinimum()
    {
        var run = ValidationRun.Of("[" + SessionStart(T0) + "," + AdBreakStart(0, T0 + 1, 0, 0) + "," + AdStart(0, T0 + 2, "ad", -1e300, 1) + "]",
            IngestionRoute.Downloaded);

        run.AssertSingle("/2/params/media.ad.length", ValidationRules.Minimum);
    }

    [Fact]
    public void MediaLength_4_9e_324_GivesAReportAndCallsWithoutInfinity()
    {
        // The smallest positive double: valid (a number of 0 or more), and timePlayed / length overflowed to infinity.
        var report = SessionEvents.Downloaded(
            SessionStart(T0, length: double.Epsilon),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000),
            Simple("sessionEnd", 10, T0 + 12_000));

        using var json = JsonDocument.Parse(SessionReportJson.ToUtf8Bytes(report, Header));
        using var calls = JsonDocument.Parse(AnalyticsCallsJson.ToUtf8Bytes(report.Calls));

        Assert.Equal(double.Epsilon, json.RootElement.GetProperty("media").GetProperty("length").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("metrics").GetProperty("averageMinuteAudience").ValueKind);
        Assert.Equal(11, json.RootElement.GetProperty("metrics").GetProperty("timePlayed").GetDouble());
        Assert.True(json.RootElement.GetProperty("metrics").GetProperty("progress95").GetBoolean());
        Assert.Equal(["start", "close"], calls.RootElement.EnumerateArray().Select(call => call.GetProperty("type").GetString()));
    }

    [Fact]
    public void MediaLength_OfOneMillisecond_IsTheShortestMeasuredForAverageMinuteAudience()
    {
        var report = SessionEvents.Downloaded(SessionStart(T0, length: 0.001), Simple("play", 0, T0 + 1000), Simple("ping", 1, T0 + 2000));

        Assert.Equal(1000, report.Metrics.AverageMinuteAudience!.Value, 9);
    }

    [Fact]
    public void IntegerWrittenWithAFraction_IsReadAsTheSameIntegerByValidatorAndProcessor()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(T0),
            AdBreakStart(0, T0 + 1000, 0, 0).Replace("\"media.ad.podIndex\":0", "\"media.ad.podIndex\":2.0", StringComparison.Ordinal),
            AdStart(0, T0 + 2000, "ad-1", 15, 1).Replace("\"media.ad.podPosition\":1", "\"media.ad.podPosition\":1e0", StringComparison.Ordinal),
            Simple("adComplete", 0, T0 + 17_000));

        var ad = Assert.Single(report.Ads);
        Assert.Equal(2, ad.PodIndex);
        Assert.Equal(1, ad.PodPosition);
    }
}
