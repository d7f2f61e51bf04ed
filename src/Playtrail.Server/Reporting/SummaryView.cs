namespace Playtrail.Server.Reporting;

/// <summary>The JSON shape of <c>GET /api/v1/reports/summary</c>.</summary>
internal sealed record SummaryView(string From, string To, string GroupBy, IReadOnlyList<SummaryRowView> Rows);

/// <summary>One group of the summary. Times in seconds; lateness only for downloaded sessions.</summary>
internal sealed record SummaryRowView(
    string Key,
    long Starts,
    long ContentStarts,
    long Completes,
    double TimePlayed,
    double TotalTimePlayed,
    double AverageMinuteAudience,
    long AdStarts,
    double BufferTime,
    double BufferRatio,
    long ErrorCount,
    long DownloadedSessions,
    long OnlineSessions,
    LatenessView? Lateness);

/// <summary>Receive time minus last event time of downloaded sessions, in seconds (histogram upper bounds).</summary>
internal sealed record LatenessView(long Sessions, double P50, double P95);
