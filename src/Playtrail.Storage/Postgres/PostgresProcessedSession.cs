using Npgsql;
using NpgsqlTypes;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Stores a processed session: the claim on <c>processed_at</c>, the report and the rollup increments share one
/// transaction, so a session counts once however many nodes process it at the same moment.
/// </summary>
internal static class PostgresProcessedSession
{
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

        // One round trip for the report and every rollup. The tables are always written in this order, so two
        // sessions adding to the same rows take the row locks in the same order and cannot deadlock.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var report = new NpgsqlBatchCommand(PostgresStatements.InsertReport);
        report.Parameters.AddText("session_id", processed.SessionId);
        report.Parameters.AddTyped("report", NpgsqlDbType.Bytea, processed.ReportJson);
        report.Parameters.AddTyped("calls", NpgsqlDbType.Bytea, processed.CallsJson);
        report.Parameters.AddBigint("processed_at", now);
        batch.BatchCommands.Add(report);

        var rollup = processed.Rollup;
        var day = RollupDays.ToNumber(rollup.Day);
        int? bucket = rollup.LatenessSeconds is { } lateness ? LatenessHistogram.Bucket(lateness) : null;
        batch.BatchCommands.Add(Measures(PostgresStatements.AddToRollup, rollup, "day", day, rollup.MediaId));
        batch.BatchCommands.Add(Measures(PostgresStatements.AddToTotals, rollup, "day", day, mediaId: null));
        var month = Measures(PostgresStatements.AddToRollupMonth, rollup, "month", RollupMonths.ToNumber(rollup.Day), rollup.MediaId);
        month.Parameters.AddInteger("bucket", bucket);
        batch.BatchCommands.Add(month);
        if (bucket is not null)
        {
            batch.BatchCommands.Add(Lateness(PostgresStatements.AddToLateness, rollup, day, bucket.Value, rollup.MediaId));
            batch.BatchCommands.Add(Lateness(PostgresStatements.AddToLatenessTotals, rollup, day, bucket.Value, mediaId: null));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static NpgsqlBatchCommand Measures(string sql, RollupContribution rollup, string periodName, int period, string? mediaId)
    {
        var command = new NpgsqlBatchCommand(sql);
        var parameters = command.Parameters;
        parameters.AddInteger(periodName, period);
        if (mediaId is not null)
        {
            parameters.AddText("media_id", mediaId);
        }

        parameters.AddText("content_type", rollup.ContentType);
        parameters.AddBoolean("downloaded", rollup.Downloaded);
        parameters.AddBigint("content_starts", rollup.ContentStarts);
        parameters.AddBigint("completes", rollup.Completes);
        parameters.AddDouble("time_played", rollup.TimePlayed);
        parameters.AddDouble("total_time_played", rollup.TotalTimePlayed);
        parameters.AddDouble("average_minute_audience", rollup.AverageMinuteAudience);
        parameters.AddBigint("ad_starts", rollup.AdStarts);
        parameters.AddDouble("buffer_time", rollup.BufferTime);
        parameters.AddBigint("error_count", rollup.ErrorCount);
        return command;
    }

    private static NpgsqlBatchCommand Lateness(string sql, RollupContribution rollup, int day, int bucket, string? mediaId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddInteger("day", day);
        if (mediaId is not null)
        {
            command.Parameters.AddText("media_id", mediaId);
        }

        command.Parameters.AddText("content_type", rollup.ContentType);
        command.Parameters.AddInteger("bucket", bucket);
        return command;
    }
}
