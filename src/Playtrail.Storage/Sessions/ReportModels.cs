using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Sessions;

/// <summary>The processor's output for one closed session, stored in one transaction with what it adds to the reports.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="ReportJson">The session report as served by <c>GET /api/v1/sessions/{sid}</c>.</param>
/// <param name="CallsJson">The analytics calls as served by <c>GET /api/v1/sessions/{sid}/calls</c>.</param>
/// <param name="Facts">What the session adds to the reports: its <c>session_facts</c> row and rollup increments.</param>
public sealed record ProcessedSession(string SessionId, byte[] ReportJson, byte[] CallsJson, SessionFacts Facts);

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
