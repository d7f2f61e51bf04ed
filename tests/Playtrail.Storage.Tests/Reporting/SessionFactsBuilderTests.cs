using Playtrail.Core.Processing;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Reporting;

/// <summary>
/// The facts a migration rebuilds from a stored report must be the facts processing built: real sessions are processed,
/// their facts built both ways and compared field by field and measure by measure.
/// </summary>
public sealed class SessionFactsBuilderTests
{
    public static TheoryData<string> Sessions => [.. RealSessions.Names];

    [Theory]
    [MemberData(nameof(Sessions))]
    public void FactsFromTheStoredReport_EqualTheFactsBuiltAtProcessing(string name)
    {
        var (row, report) = RealSessions.Process(name);

        var atProcessing = SessionFactsBuilder.FromReport(row, report);
        var reportJson = SessionReportJson.ToUtf8Bytes(report, new ReportHeader(row.SessionId, "ended", row.Downloaded, row.ReceivedAt, row.ClosedAt)
        {
            CloseReason = CloseReasonText.NameOrNull(row.CloseReason),
        });
        var rebuilt = SessionFactsBuilder.FromStoredReport(row, reportJson, AnalyticsCallsJson.ToUtf8Bytes(report.Calls));

        foreach (var measure in MeasureCatalog.All)
        {
            Assert.True(atProcessing.Measures[measure] == rebuilt.Measures[measure], $"{measure}: {atProcessing.Measures[measure]} at processing, {rebuilt.Measures[measure]} rebuilt");
        }

        Assert.Equal(atProcessing with { Measures = rebuilt.Measures }, rebuilt);
    }

    [Fact]
    public void SeedSample_FactsAreTheSessionsHandComputedContribution()
    {
        var (row, report) = RealSessions.Process("seed");

        var facts = SessionFactsBuilder.FromReport(row, report);

        var measures = facts.Measures;
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (measures[Measure.Sessions], measures[Measure.DownloadedSessions], measures[Measure.ContentStarts], measures[Measure.Completes]));
        // Every marker: the playhead reached 35 of 35.
        Assert.Equal(5, measures[Measure.Progress10] + measures[Measure.Progress25] + measures[Measure.Progress50] + measures[Measure.Progress75] + measures[Measure.Progress95]);
        // play 1529997928174 to sessionComplete 1529997960559: 32.385 s played; 35 s of the playhead covered.
        Assert.Equal((32.385, 32.385, 35.0), (measures[Measure.TimePlayed], measures[Measure.TotalTimePlayed], measures[Measure.UniqueTimePlayed]));
        Assert.Equal(32.385 / 35, measures[Measure.AverageMinuteAudience]);
        // timeToStart 1200 ms sent once; no bitrate, so nothing weighs the bitrate average.
        Assert.Equal((1.2, 1.0), (measures[Measure.TimeToStartSum], measures[Measure.TimeToStartSessions]));
        Assert.Equal((0.0, 0.0, 0.0), (measures[Measure.BitrateWeightedSum], measures[Measure.BitrateTime], measures[Measure.DroppedBeforeStart]));
        // Received at 2025-06-01T12:00Z, last event at 1529997960559.
        Assert.Equal((RealSessions.ReceivedAt.ToUnixTimeMilliseconds() - 1529997960559) / 1000.0, facts.LatenessSeconds);
        Assert.Equal((1529997923478L, 1529997960559L, 6, 0), (facts.FirstEventTs, facts.LastEventTs, facts.EventCount, facts.IgnoredEventCount));
        Assert.Equal(report.Calls.Count, facts.CallCount);
    }

    [Fact]
    public void TimelineSession_WeighsItsBitrateByTimePlayed()
    {
        var (row, report) = RealSessions.Process("timelines");

        var facts = SessionFactsBuilder.FromReport(row, report);

        Assert.NotNull(report.Qoe.BitrateAverage);
        Assert.Equal(report.Qoe.BitrateAverage!.Value * report.Metrics.TimePlayed, facts.Measures[Measure.BitrateWeightedSum]);
        Assert.Equal(report.Metrics.TimePlayed, facts.Measures[Measure.BitrateTime]);
        Assert.True(facts.Measures[Measure.ErrorCount] >= 1);
        Assert.Equal(1, facts.Measures[Measure.ErrorSessions]);
    }
}
