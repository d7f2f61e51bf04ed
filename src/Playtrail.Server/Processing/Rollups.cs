using Playtrail.Core.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Processing;

/// <summary>What one processed session adds to the summary rollups.</summary>
internal static class Rollups
{
    public static RollupContribution From(SessionRow row, SessionReport report)
    {
        var metrics = report.Metrics;

        // Decision 17: a session belongs to the day it was watched (its first event), not the day it arrived.
        var watched = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(report.FirstEventTs).UtcDateTime);
        double? lateness = row.Downloaded ? (row.ReceivedAt.ToUnixTimeMilliseconds() - report.LastEventTs) / 1000.0 : null;
        return new RollupContribution(
            watched,
            row.Start.MediaId,
            row.Start.ContentType,
            row.Downloaded,
            ContentStarts: metrics.Play ? 1 : 0,
            Completes: metrics.Complete ? 1 : 0,
            metrics.TimePlayed,
            metrics.TotalTimePlayed,
            metrics.AverageMinuteAudience ?? 0,
            AdStarts: metrics.AdCount,
            report.Qoe.BufferTime,
            report.Qoe.ErrorCount,
            lateness);
    }
}
