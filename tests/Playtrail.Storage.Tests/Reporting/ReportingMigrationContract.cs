using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Core.Processing;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Reporting;

/// <summary>
/// The migration that creates the reporting tables, on each store: a database of the previous version holding processed
/// sessions (their rows and stored reports only) is migrated, and must then answer every report exactly as a database
/// where the same sessions were processed after the upgrade.
/// </summary>
public abstract class ReportingMigrationContract : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private SessionStoreHarness _legacy = null!;
    private SessionStoreHarness _fresh = null!;

    protected static CancellationToken None => CancellationToken.None;

    public Task InitializeAsync()
    {
        _legacy = CreateHarness();
        _fresh = CreateHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _legacy.DisposeAsync();
        await _fresh.DisposeAsync();
    }

    protected abstract SessionStoreHarness CreateHarness();

    /// <summary>Creates the harness's database at the schema version before the reporting tables and opens a raw connection to it.</summary>
    protected abstract Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness);

    /// <summary>A raw connection to the harness's database, for rows the store's API cannot write.</summary>
    protected abstract Task<DbConnection> OpenRawAsync(SessionStoreHarness harness);

    [Fact]
    public async Task Migration_OfProcessedSessions_AnswersEveryReportAsIfTheyWereProcessedAfterIt()
    {
        var sessions = RealSessions.Names.Concat(Enumerable.Range(0, 10).Select(day => $"day{day}")).Select(RealSessions.Process).ToList();
        await using (var legacy = await CreateLegacyAsync(_legacy))
        {
            for (var i = 0; i < sessions.Count; i++)
            {
                var (row, report) = sessions[i];
                await InsertSessionAsync(legacy, row, processedAt: ProcessedAt(i));
                await ExecuteAsync(legacy, "INSERT INTO session_reports (session_id, report, calls, processed_at) VALUES (@id, @report, @calls, @at)",
                    ("id", row.SessionId), ("report", ReportJson(row, report)), ("calls", AnalyticsCallsJson.ToUtf8Bytes(report.Calls)), ("at", ProcessedAt(i)));
            }
        }

        var migrated = (IReportStore)await _legacy.OpenAsync(_time);
        var fresh = await _fresh.OpenAsync(_time);
        await using (var raw = await OpenRawAsync(_fresh))
        {
            foreach (var (row, _) in sessions)
            {
                await InsertSessionAsync(raw, row, processedAt: null);
            }
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            var (row, report) = sessions[i];
            _time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(ProcessedAt(i)));
            Assert.True(await fresh.SaveProcessedSessionAsync(
                new ProcessedSession(row.SessionId, ReportJson(row, report), AnalyticsCallsJson.ToUtf8Bytes(report.Calls), SessionFactsBuilder.FromReport(row, report)), None));
        }

        var processed = (IReportStore)fresh;
        foreach (var zone in new[] { TimeZoneInfo.Utc, Paris })
        {
            foreach (var grouping in Enum.GetValues<ReportGrouping>())
            {
                var query = new ReportQuery(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31), zone, grouping, ReportFilter.None);
                AssertSameRows(await processed.GetReportAsync(query, None), await migrated.GetReportAsync(query, None));
            }

            var arrivals = new ReportQuery(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31), zone, ReportGrouping.Day, ReportFilter.None);
            Assert.Equal(await processed.GetArrivalsAsync(arrivals, None), await migrated.GetArrivalsAsync(arrivals, None));
        }

        var total = Assert.Single(await migrated.GetReportAsync(
            new ReportQuery(DateOnly.MinValue, DateOnly.MaxValue, TimeZoneInfo.Utc, ReportGrouping.Total, ReportFilter.None), None));
        Assert.Equal(sessions.Count, total.Measures[Measure.Sessions]);
        Assert.Equal(sessions.Sum(session => session.Report.Metrics.TimePlayed), total.Measures[Measure.TimePlayed], 9);

        var all = new ExportQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), ReportFilter.None);
        var exportedMigrated = await migrated.ExportSessionsAsync(all, includeCalls: true, None).ToListAsync();
        var exportedProcessed = await processed.ExportSessionsAsync(all, includeCalls: true, None).ToListAsync();
        Assert.Equal(sessions.Count, exportedMigrated.Count);
        Assert.Equal(exportedProcessed.Select(Comparable), exportedMigrated.Select(Comparable));
        Assert.Equal(exportedProcessed.Select(session => session.ProcessedAt), exportedMigrated.Select(session => session.ProcessedAt));
        Assert.Equal(exportedProcessed.Select(session => session.CallsJson), exportedMigrated.Select(session => session.CallsJson));
        Assert.Equal(
            await processed.GetMediaAsync(["movie-42", "vod-timeline-1"], None),
            await migrated.GetMediaAsync(["movie-42", "vod-timeline-1"], None));

        await using var check = await OpenRawAsync(_legacy);
        foreach (var table in new[] { "rollups", "rollup_lateness", "rollup_totals", "rollup_lateness_totals", "rollup_months" })
        {
            await Assert.ThrowsAnyAsync<DbException>(() => ScalarAsync(check, $"SELECT count(*) FROM {table}"));
        }
    }

    private static long ProcessedAt(int index) => new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(index).ToUnixTimeMilliseconds();

    private static byte[] ReportJson(SessionRow row, SessionReport report) =>
        SessionReportJson.ToUtf8Bytes(report, new ReportHeader(row.SessionId, SessionStatusText.Name(row.Status), row.Downloaded, row.ReceivedAt, row.ClosedAt)
        {
            CloseReason = CloseReasonText.NameOrNull(row.CloseReason),
        });

    /// <summary>Everything of an exported session but its measures' object identity.</summary>
    private static string Comparable(ExportedSession session) =>
        (session.Facts with { Measures = new Measures() }).ToString() + string.Join(",", session.Facts.Measures.Values.ToArray());

    private static void AssertSameRows(IReadOnlyList<ReportRow> expected, IReadOnlyList<ReportRow> actual)
    {
        Assert.Equal(expected.Select(row => row.Key), actual.Select(row => row.Key));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Measures.Values.ToArray(), actual[i].Measures.Values.ToArray());
            Assert.Equal(expected[i].Lateness.OrderBy(entry => entry.Key), actual[i].Lateness.OrderBy(entry => entry.Key));
        }
    }

    private static Task InsertSessionAsync(DbConnection connection, SessionRow row, long? processedAt) => ExecuteAsync(connection,
        """
        INSERT INTO sessions (session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
            first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at, closed_at, processed_at)
        VALUES (@id, @downloaded, @status, @reason, @media_id, @media_name, @content_type, @length, @resume,
            @first_ts, @last_ts, @event_count, @received_at, @received_at, 0, @received_at, @closed_at, @processed_at)
        """,
        ("id", row.SessionId), ("downloaded", row.Downloaded), ("status", SessionStatusText.Name(row.Status)), ("reason", CloseReasonText.Name(row.CloseReason!.Value)),
        ("media_id", row.Start.MediaId), ("media_name", (object?)row.Start.MediaName ?? DBNull.Value), ("content_type", row.Start.ContentType),
        ("length", row.Start.Length), ("resume", row.Start.Resume), ("first_ts", row.FirstEventTs), ("last_ts", row.LastEventTs),
        ("event_count", row.EventCount), ("received_at", row.ReceivedAt.ToUnixTimeMilliseconds()),
        ("closed_at", row.ClosedAt!.Value.ToUnixTimeMilliseconds()), ("processed_at", (object?)processedAt ?? DBNull.Value));

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            if (value is DBNull)
            {
                parameter.DbType = name == "processed_at" ? System.Data.DbType.Int64 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
