using Npgsql;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Postgres;

/// <summary>Turns the shared reporting statements into batch commands of this store.</summary>
internal static class PostgresWrites
{
    /// <summary>The statements that add <paramref name="facts"/> to the reports, appended to <paramref name="batch"/> in order.</summary>
    public static void Add(NpgsqlBatch batch, ProcessedSessionWrites writes, SessionFacts facts, long processedAt)
    {
        foreach (var (statement, values) in writes.For(facts, processedAt))
        {
            batch.BatchCommands.Add(Command(statement, values));
        }
    }

    /// <summary>A batch command for <paramref name="statement"/> with its values, typed so that a NULL still has a type.</summary>
    public static NpgsqlBatchCommand Command(SqlStatement statement, object?[] values)
    {
        var command = new NpgsqlBatchCommand(statement.Sql);
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = statement.Parameters[i];
            command.Parameters.Add(new NpgsqlParameter(parameter.Name, parameter.Type) { Value = values[i] ?? DBNull.Value });
        }

        return command;
    }
}
