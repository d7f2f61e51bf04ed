namespace Playtrail.Storage.Reporting;

/// <summary>
/// The reads behind the reporting API, the dashboard and the exports, implemented by every store. Reports read
/// rollups only (never raw events): sums of session measures per quarter-hour, UTC day and UTC month, so that days in
/// any time zone (every zone's offset is a whole number of quarter-hours) are summed exactly without reprocessing.
/// </summary>
public interface IReportStore
{
    /// <summary>
    /// The summed measures of the sessions the query covers, one row per group that has sessions, ordered by key
    /// (ordinally: days chronologically, <c>downloaded</c> before <c>online</c>). <see cref="ReportGrouping.Total"/>
    /// always answers its one row, zeros when no session is in range.
    /// </summary>
    Task<IReadOnlyList<ReportRow>> GetReportAsync(ReportQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Downloaded sessions watched in the query's range, by day watched and day received (both in its time zone).
    /// The query's grouping is ignored; its content type filter applies.
    /// </summary>
    Task<IReadOnlyList<ArrivalCell>> GetArrivalsAsync(ReportQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the session list: processed sessions, or open ones when the query's status is
    /// <see cref="Sessions.SessionStatus.Active"/> (without a status, closed sessions only).
    /// </summary>
    Task<SessionListPage> ListSessionsAsync(SessionListQuery query, CancellationToken cancellationToken);

    /// <summary>The sessions open now.</summary>
    Task<ActiveSessions> GetActiveSessionsAsync(CancellationToken cancellationToken);

    /// <summary>What is known of the given content ids; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<string, MediaEntry>> GetMediaAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken);

    /// <summary>How many sessions and calls <see cref="ExportSessionsAsync"/> would return now.</summary>
    Task<ExportCount> CountExportAsync(ExportQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The processed sessions of the query in (first event ts, session id) order, read in pages so that memory stays
    /// flat and no read transaction stays open for the whole export.
    /// </summary>
    IAsyncEnumerable<ExportedSession> ExportSessionsAsync(ExportQuery query, bool includeCalls, CancellationToken cancellationToken);

    /// <summary>Adds counts of downloaded upload outcomes (each node flushes its own counts now and then).</summary>
    Task AddUploadCountsAsync(IReadOnlyList<UploadCount> counts, CancellationToken cancellationToken);

    /// <summary>The upload counts of the hours from <paramref name="fromHour"/> to <paramref name="toHour"/> inclusive, summed per hour, outcome and reason.</summary>
    Task<IReadOnlyList<UploadCount>> GetUploadCountsAsync(long fromHour, long toHour, CancellationToken cancellationToken);
}
