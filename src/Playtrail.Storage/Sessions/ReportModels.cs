using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// The processor's output for one closed session, stored in one transaction with what it adds to the reports. The report
/// and calls are not one array each: for a session that repeats large custom metadata each is as large as its upload,
/// and the SQLite store writes them where they go (<see cref="StoredJson"/>).
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="ReportJson">The session report as served by <c>GET /api/v1/sessions/{sid}</c>.</param>
/// <param name="CallsJson">The analytics calls as served by <c>GET /api/v1/sessions/{sid}/calls</c>.</param>
/// <param name="Facts">What the session adds to the reports: its <c>session_facts</c> row and rollup increments.</param>
public sealed record ProcessedSession(string SessionId, StoredJson ReportJson, StoredJson CallsJson, SessionFacts Facts)
{
    /// <summary>A processed session whose report and calls are each one array.</summary>
    public ProcessedSession(string sessionId, byte[] reportJson, byte[] callsJson, SessionFacts facts)
        : this(sessionId, StoredJson.Of(reportJson), StoredJson.Of(callsJson), facts)
    {
    }
}

/// <summary>A processed session's stored report and calls.</summary>
/// <param name="ReportJson">The report JSON.</param>
/// <param name="CallsJson">The analytics calls JSON.</param>
/// <param name="ProcessedAt">When the session was processed.</param>
public sealed record StoredReport(byte[] ReportJson, byte[] CallsJson, DateTimeOffset ProcessedAt);
