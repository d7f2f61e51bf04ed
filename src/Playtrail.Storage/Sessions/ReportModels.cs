namespace Playtrail.Storage.Sessions;

/// <summary>The processor's output for one closed session, stored in one transaction with its rollup increments.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="ReportJson">The session report as served by <c>GET /api/v1/sessions/{sid}</c>.</param>
/// <param name="CallsJson">The analytics calls as served by <c>GET /api/v1/sessions/{sid}/calls</c>.</param>
/// <param name="Rollup">What the session adds to the summary tables.</param>
public sealed record ProcessedSession(string SessionId, byte[] ReportJson, byte[] CallsJson, RollupContribution Rollup);

/// <summary>
/// One session's contribution to the summary rollups: its grouping keys (the day it was watched, not the
/// day it arrived) and additive measures.
/// </summary>
/// <param name="Day">The UTC day of the session's first event.</param>
/// <param name="MediaId">The content id.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Downloaded">Whether the session was downloaded.</param>
/// <param name="ContentStarts">1 when main content started playing.</param>
/// <param name="Completes">1 when the content completed.</param>
/// <param name="TimePlayed">Seconds played on main content.</param>
/// <param name="TotalTimePlayed">Seconds played on main content and ads.</param>
/// <param name="AverageMinuteAudience">The session's time played divided by the content length (0 without a length).</param>
/// <param name="AdStarts">Ads started inside ad breaks.</param>
/// <param name="BufferTime">Seconds spent buffering.</param>
/// <param name="ErrorCount">Error events.</param>
/// <param name="LatenessSeconds">For a downloaded session, receive time minus last event time; null online.</param>
public sealed record RollupContribution(
    DateOnly Day,
    string MediaId,
    string ContentType,
    bool Downloaded,
    long ContentStarts,
    long Completes,
    double TimePlayed,
    double TotalTimePlayed,
    double AverageMinuteAudience,
    long AdStarts,
    double BufferTime,
    long ErrorCount,
    double? LatenessSeconds);

/// <summary>A processed session's stored report and calls.</summary>
/// <param name="ReportJson">The report JSON.</param>
/// <param name="CallsJson">The analytics calls JSON.</param>
/// <param name="ProcessedAt">When the session was processed.</param>
public sealed record StoredReport(byte[] ReportJson, byte[] CallsJson, DateTimeOffset ProcessedAt);

/// <summary>How summary rows are grouped.</summary>
public enum SummaryGrouping
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
public sealed record SummaryQuery(DateOnly From, DateOnly To, SummaryGrouping GroupBy);

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
public sealed record SummaryRow(
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
