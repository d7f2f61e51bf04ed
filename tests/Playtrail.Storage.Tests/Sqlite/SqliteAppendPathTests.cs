using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>
/// The online append path is the hottest write: the index of open sessions by arrival (for the session list) must cost
/// it nothing. SQLite's own program for each statement shows which B-trees it opens for writing.
/// </summary>
public sealed class SqliteAppendPathTests
{
    [Fact]
    public async Task AppendingAnEventThatDoesNotClose_NeverWritesTheOpenSessionsIndex()
    {
        await using var harness = new SqliteStoreHarness();
        await (await harness.OpenSqliteAsync(TimeProvider.System)).DisposeAsync();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Path, Pooling = false }.ToString());
        connection.Open();
        var indexPage = Scalar(connection, "SELECT rootpage FROM sqlite_schema WHERE name = 'ix_sessions_active_received'");

        var append = WrittenPages(connection, SqliteStatements.AppendToActiveSession);
        var close = WrittenPages(connection, SqliteStatements.AppendClosingEvent);

        Assert.DoesNotContain(indexPage, append);
        // The check can fail: closing a session does take it out of the index.
        Assert.Contains(indexPage, close);
    }

    /// <summary>The root pages the statement's program opens for writing (OpenWrite's second operand).</summary>
    private static List<long> WrittenPages(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        foreach (var name in new[] { "$session_id", "$ts", "$playhead", "$received_at", "$status", "$close_reason", "$closed_at" })
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var pages = new List<long>();
        while (reader.Read())
        {
            if (reader.GetString(1) == "OpenWrite")
            {
                pages.Add(reader.GetInt64(3));
            }
        }

        return pages;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
