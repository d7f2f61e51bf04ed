using Microsoft.Data.Sqlite;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Adds processed sessions to the reporting tables on one connection: the statements of
/// <see cref="ProcessedSessionWrites"/>, prepared once, their parameters created once and only their values set per
/// session. The writer's processing transaction and the schema 5 migration both write through it.
/// </summary>
internal sealed class SqliteFactsWriter : IDisposable
{
    private readonly ProcessedSessionWrites _writes;
    private readonly Dictionary<SqlStatement, SqliteCommand> _commands = [];

    public SqliteFactsWriter(SqliteConnection connection, IReadOnlyList<Measure> measures)
    {
        _writes = new ProcessedSessionWrites(SqlDialect.Sqlite, measures);
        foreach (var statement in _writes.Statements)
        {
            var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = "@" + parameter.Name, DbType = parameter.Type });
            }

            command.Prepare();
            _commands.Add(statement, command);
        }
    }

    /// <summary>The commands, for enlisting them in a transaction.</summary>
    public IEnumerable<SqliteCommand> Commands => _commands.Values;

    /// <summary>Writes <paramref name="facts"/>' row and increments, in the connection's open transaction.</summary>
    public void Write(SessionFacts facts, long processedAt)
    {
        foreach (var (statement, values) in _writes.For(facts, processedAt))
        {
            var command = _commands[statement];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
