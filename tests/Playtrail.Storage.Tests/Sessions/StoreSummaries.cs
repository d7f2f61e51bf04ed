using Playtrail.Storage.Sessions;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// The summary the storage contract tests were written against (UTC days, no filter, ten measures), read through the
/// report store, so those tests keep checking what processing adds to the reports.
/// </summary>
internal static class StoreSummaries
{
    public static async Task<IReadOnlyList<SummaryRow>> GetSummaryAsync(this ISessionStore store, SummaryQuery query, CancellationToken cancellationToken)
    {
        var grouping = query.GroupBy switch
        {
            SummaryGrouping.Day => ReportGrouping.Day,
            SummaryGrouping.Media => ReportGrouping.Media,
            SummaryGrouping.ContentType => ReportGrouping.ContentType,
            _ => ReportGrouping.Downloaded,
        };
        var rows = await ((IReportStore)store).GetReportAsync(new ReportQuery(query.From, query.To, TimeZoneInfo.Utc, grouping, ReportFilter.None), cancellationToken);
        var summary = rows.Select(row => new SummaryRow(
            row.Key,
            (long)row.Measures[Measure.Sessions],
            (long)row.Measures[Measure.DownloadedSessions],
            (long)row.Measures[Measure.ContentStarts],
            (long)row.Measures[Measure.Completes],
            row.Measures[Measure.TimePlayed],
            row.Measures[Measure.TotalTimePlayed],
            row.Measures[Measure.AverageMinuteAudience],
            (long)row.Measures[Measure.AdStarts],
            row.Measures[Measure.BufferTime],
            (long)row.Measures[Measure.ErrorCount],
            row.Lateness));
        return grouping == ReportGrouping.Downloaded ? [.. summary.OrderBy(row => row.Key == "downloaded")] : [.. summary];
    }
}

/// <summary>How summary rows are grouped.</summary>
internal enum SummaryGrouping
{
    /// <summary>By the UTC day the content was watched.</summary>
    Day,
    /// <summary>By content id.</summary>
    Media,
    /// <summary>By content type.</summary>
    ContentType,
    /// <summary>Downloaded against online.</summary>
    Downloaded,
}

/// <summary>A summary request: days watched from <paramref name="From"/> to <paramref name="To"/> inclusive.</summary>
internal sealed record SummaryQuery(DateOnly From, DateOnly To, SummaryGrouping GroupBy);

/// <summary>Summed measures of one group.</summary>
/// <param name="Key">The group's value: a day (yyyy-MM-dd), a content id, a content type, or "downloaded"/"online".</param>
/// <param name="Sessions">Sessions (each is a media start).</param>
/// <param name="DownloadedSessions">Of which downloaded.</param>
/// <param name="ContentStarts">Sessions whose main content started.</param>
/// <param name="Completes">Sessions that completed.</param>
/// <param name="TimePlayed">Seconds played on main content.</param>
/// <param name="TotalTimePlayed">Seconds played including ads.</param>
/// <param name="AverageMinuteAudience">Sum of the sessions' average minute audience.</param>
/// <param name="AdStarts">Ads started.</param>
/// <param name="BufferTime">Seconds spent buffering.</param>
/// <param name="ErrorCount">Error events.</param>
/// <param name="Lateness">Histogram of downloaded sessions' lateness: bucket index → sessions.</param>
internal sealed record SummaryRow(
    string Key,
    long Sessions,
    long DownloadedSessions,
    long ContentStarts,
    long Completes,
    double TimePlayed,
    double TotalTimePlayed,
    double AverageMinuteAudience,
    long AdStarts,
    double BufferTime,
    long ErrorCount,
    IReadOnlyDictionary<int, long> Lateness);
