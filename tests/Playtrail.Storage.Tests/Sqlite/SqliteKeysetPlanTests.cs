using System.Data.Common;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>
/// A keyset page must start at its cursor: SQLite's plan for every list and export page bounds its index scan by the
/// cursor and the range's other end, on the index its filter names. A page that scanned from the start of its range
/// would make a long export or a deep list quadratic.
/// </summary>
public sealed class SqliteKeysetPlanTests : IAsyncLifetime
{
    private static readonly SessionCursor Cursor = new(1_750_000_000_000, "f0");
    private readonly SqliteStoreHarness _harness = new();
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        await (await _harness.OpenSqliteAsync(TimeProvider.System)).DisposeAsync();
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _harness.Path, Pooling = false }.ToString());
        _connection.Open();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public void ExportPage_AfterACursor_SeeksTheCursorWithinTheRange()
    {
        var query = new ExportQuery(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), ReportFilter.None);

        var plan = Plan(ExportQueries.PageCommand(_connection, query, includeCalls: true, (Cursor.OrderKey, Cursor.SessionId)));

        Assert.Contains("ix_session_facts_watched ((first_ts,session_id)>(?,?) AND (first_ts,session_id)<(?,?))", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "ix_session_facts_watched ((first_ts,session_id)>(?,?) AND (first_ts,session_id)<(?,?))")]
    [InlineData("m1", null, "ix_session_facts_media (media_id=? AND (first_ts,session_id)>(?,?) AND (first_ts,session_id)<(?,?))")]
    [InlineData(null, "stall", "ix_session_facts_close_reason (close_reason=? AND (first_ts,session_id)>(?,?) AND (first_ts,session_id)<(?,?))")]
    public void ListPage_InAWatchedRange_AfterACursor_SeeksTheCursorOnTheFiltersIndex(string? mediaId, string? reasonWord, string expected)
    {
        CloseReason? reason = reasonWord is null ? null : CloseReasonText.Parse(reasonWord);
        var query = new SessionListQuery(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000),
            mediaId, "vod", true, null, reason, 50, Cursor);

        var plan = Plan(SessionListQueries.ClosedCommand(_connection, query, drivingReason: mediaId is null ? reason : null, reasons: mediaId is null ? null : SessionListQueries.Reasons(null, reason)));

        Assert.Contains(expected, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSessionsPage_AfterACursor_SeeksTheCursorOnTheOpenSessionsIndex()
    {
        var query = new SessionListQuery(null, null, null, null, null, SessionStatus.Active, null, 50, Cursor);

        var plan = Plan(SessionListQueries.OpenCommand(_connection, query));

        Assert.Contains("ix_sessions_active_received ((received_at,session_id)<(?,?))", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private static string Plan(DbCommand command)
    {
        using (command)
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join("\n", lines);
        }
    }
}
