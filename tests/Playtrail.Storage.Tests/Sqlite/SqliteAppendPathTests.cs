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
        using var connection = await OpenMigratedAsync(harness);
        var indexPage = Scalar(connection, "SELECT rootpage FROM sqlite_schema WHERE name = 'ix_sessions_active_received'");

        var append = WrittenPages(connection, SqliteStatements.AppendToActiveSession);
        var close = WrittenPages(connection, SqliteStatements.AppendClosingEvent);

        Assert.DoesNotContain(indexPage, append);
        // The check can fail: closing a session does take it out of the index.
        Assert.Contains(indexPage, close);
    }

    [Fact]
    public async Task AppendingAnEventThatDoesNotClose_BuildsNoEphemeralTable()
    {
        // RETURNING buffers its rows in an ephemeral table and turns the update into a multi-row write, which made
        // every append in a group-commit transaction open and free a statement journal (docs/benchmarks.md, issue 10).
        // The closing update is rarer and still builds one, for the row set of the status index it changes.
        await using var harness = new SqliteStoreHarness();
        using var connection = await OpenMigratedAsync(harness);

        var opcodes = Opcodes(connection, SqliteStatements.AppendToActiveSession);

        Assert.Contains("OpenWrite", opcodes);
        Assert.DoesNotContain("OpenEphemeral", opcodes);
    }

    /// <summary>A connection to a database the store has created and migrated.</summary>
    private static async Task<SqliteConnection> OpenMigratedAsync(SqliteStoreHarness harness)
    {
        await (await harness.OpenSqliteAsync(TimeProvider.System)).DisposeAsync();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The root pages the statement's program opens for writing (OpenWrite's second operand).</summary>
    private static List<long> WrittenPages(SqliteConnection connection, string sql) =>
        Program(connection, sql).Where(step => step.Opcode == "OpenWrite").Select(step => step.P2).ToList();

    private static List<string> Opcodes(SqliteConnection connection, string sql) =>
        Program(connection, sql).Select(step => step.Opcode).ToList();

    /// <summary>SQLite's program for <paramref name="sql"/>: each step's opcode and second operand.</summary>
    private static List<(string Opcode, long P2)> Program(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        foreach (var name in new[] { "$session_id", "$ts", "$playhead", "$received_at", "$status", "$close_reason", "$closed_at" })
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var steps = new List<(string, long)>();
        while (reader.Read())
        {
            steps.Add((reader.GetString(1), reader.GetInt64(3)));
        }

        return steps;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
