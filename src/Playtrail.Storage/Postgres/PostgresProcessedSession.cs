using Npgsql;
using NpgsqlTypes;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Stores a processed session: the claim on <c>processed_at</c>, the report and the rollup increments share one
/// transaction, so a session counts once however many nodes process it at the same moment.
/// </summary>
internal static class PostgresProcessedSession
{
    private static readonly ProcessedSessionWrites Writes = new(SqlDialect.Postgres, MeasureCatalog.All);

    public static async Task<bool> SaveAsync(NpgsqlConnection connection, ProcessedSession processed, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var claim = new NpgsqlCommand(PostgresStatements.MarkProcessed, connection, transaction))
        {
            claim.Parameters.AddText("session_id", processed.SessionId);
            claim.Parameters.AddBigint("processed_at", now);
            if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }
        }

        // One round trip for the report, the facts and every rollup. The tables are always written in this order, so two
        // sessions adding to the same rows take the row locks in the same order and cannot deadlock.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var report = new NpgsqlBatchCommand(PostgresStatements.InsertReport);
        report.Parameters.AddText("session_id", processed.SessionId);
        // Npgsql sends a bytea from one array; the SQLite store writes a large document without one.
        report.Parameters.AddTyped("report", NpgsqlDbType.Bytea, processed.ReportJson.ToArray());
        report.Parameters.AddTyped("calls", NpgsqlDbType.Bytea, processed.CallsJson.ToArray());
        report.Parameters.AddBigint("processed_at", now);
        batch.BatchCommands.Add(report);

        PostgresWrites.Add(batch, Writes, processed.Facts, now);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
